package dev.modelscout.cli;

import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureCache;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.workflow.ZooFeatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelscout extract}: penultimate-layer features of zoo backbones on an image folder or manifest,
 * written to {@code OUT/MODEL/features.npy}, {@code labels.npy} and {@code features.json}; features
 * already there for the same model, weights, images and recipe are reused.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract penultimate-layer features of zoo backbones on an image dataset. Writes "
                + "OUT/MODEL/features.npy (N x D float32), labels.npy (N int64) and features.json (model, weights "
                + "checksum, dataset fingerprint, preprocessing, classes, skipped images); up-to-date features "
                + "there are reused, a changed image or model is extracted again.")
final class ExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Mixin
    ImageSourceOptions source;

    /** The old name of --sample-seed here, hidden; a note says so. */
    @Option(names = "--seed", paramLabel = "S", hidden = true, description = "Deprecated: --sample-seed.")
    void setSeed(long s) {
        source.seed = s;
        Deprecations.note(spec.commandLine().getErr(), "--seed", "--sample-seed", "the seed of the --per-class subsample");
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Feature folder (one sub-folder per model).")
    Path out;

    @Option(names = "--workers", paramLabel = "N", description = "Decode/preprocess threads, >= 1. Default: half the cores (1..8).")
    Integer workers;

    @Option(names = "--online", description = "Allow djl:// model-zoo URLs to download weights.")
    boolean online;

    @Mixin
    TableOptions table;

    @Override
    public Integer call() {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source.images != null) {
            source.fillFromWorld(false);
        }
        source.require(spec);
        OptionRanges.atLeast("--workers", workers, 1, "an integer >= 1");
        table.format();
        OutputPaths.requireFolder(out, "--out");
        ZooFeatures request = source.into(out);
        ImageDataset all = request.dataset();
        ImageDataset data = all.subsample(source.perClass(), source.seed);
        err.println("dataset: " + data.size() + " images in " + data.classNames().size() + " classes from " + source.images);
        List<ExtractedFeatures> results = request.load(all, options(), ProgressReporter.forConsole(spec));
        Table t = Table.of(Table.text("model", Table.KEEP), Table.integer("images", 60), Table.integer("dim", 50),
                Table.integer("skipped", 40), Table.text("features", 70), Table.text("folder", 10));
        for (ExtractedFeatures f : results) {
            t.row(f.modelId(), f.features().rows(), f.features().cols(), f.skipped().size(),
                    f.cached() ? "cached" : "extracted", new FeatureCache(out).dir(f.modelId()).toString());
        }
        table.print(t, outw, err);
        return 0;
    }

    private ExtractionOptions options() {
        ExtractionOptions o = source.extractionOptions(spec).withOnline(online);
        return workers == null ? o : o.withWorkers(workers);
    }
}
