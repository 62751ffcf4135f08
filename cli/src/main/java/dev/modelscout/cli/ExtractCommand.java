package dev.modelscout.cli;

import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureCache;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.engine.PyTorchRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
        description = {"Extract penultimate-layer features of zoo backbones on an image dataset.",
            "Writes OUT/MODEL/features.npy (N x D float32), labels.npy (N int64) and features.json",
            "(model, weights checksum, dataset fingerprint, preprocessing, classes, skipped images);",
            "up-to-date features there are reused, a changed image or model is extracted again."})
final class ExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--zoo", required = true, paramLabel = "FILE", description = "Zoo catalog (.csv or .json).")
    Path zoo;

    @Option(names = "--images", required = true, paramLabel = "DIR|CSV",
            description = "ImageFolder (one sub-folder per class) or CSV manifest of path,label rows.")
    Path images;

    @Option(names = "--models", split = ",", paramLabel = "ID[,ID...]", description = "Backbones to use. Default: all.")
    List<String> models = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Feature folder (one sub-folder per model).")
    Path out;

    @Option(names = "--per-class", defaultValue = "0", paramLabel = "N",
            description = "Use at most N images per class, chosen at random with --seed. Default: all.")
    int perClass;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the --per-class subsample. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per forward pass (halved on CUDA out-of-memory). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--workers", description = "Decode/preprocess threads. Default: half the cores (1..8).")
    Integer workers;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch compute threads (0: one per core). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--strict", description = "Fail on the first unreadable image instead of skipping it with a warning.")
    boolean strict;

    @Option(names = "--online", description = "Allow djl:// model-zoo URLs to download weights.")
    boolean online;

    @Override
    public Integer call() {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZooFeatures request = new ZooFeatures(zoo, images, models, perClass, seed, out);
        ImageDataset data = request.dataset();
        err.println("dataset: " + data.size() + " images in " + data.classNames().size() + " classes from " + images);
        List<ExtractedFeatures> results = request.load(options(), ProgressReporter.forConsole(err));
        Table t = Table.of("model", "images", "dim", "skipped", "features", "folder");
        for (ExtractedFeatures f : results) {
            t.add(List.of(f.modelId(), Integer.toString(f.features().rows()), Integer.toString(f.features().cols()),
                    Integer.toString(f.skipped().size()), f.cached() ? "cached" : "extracted",
                    new FeatureCache(out).dir(f.modelId()).toString()));
        }
        t.print(outw);
        outw.flush();
        return 0;
    }

    private ExtractionOptions options() {
        ExtractionOptions o = ExtractionOptions.defaults()
                .withDevice(PyTorchRuntime.resolve(GlobalOptions.of(spec).device(), spec.commandLine().getErr()::println))
                .withBatchSize(batchSize).withComputeThreads(threads).withStrict(strict).withOnline(online);
        return workers == null ? o : o.withWorkers(workers);
    }
}
