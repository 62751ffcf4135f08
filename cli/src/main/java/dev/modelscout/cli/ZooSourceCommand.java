package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.FeatureStats;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelscout zoo source}: the statistics of backbones' features on a sample of their pre-training data,
 * stored with the catalog ({@code <catalog folder>/<id>.source.npy}, field {@code source_stats}), so that the
 * domain distance of any later target can be computed without the source images.
 */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = "Store the mean and spread of backbones' features on a sample of their pre-training images "
                + "(an ImageFolder or manifest) with the catalog: <catalog folder>/<id>.source.npy, field source_stats. "
                + "recommend, finetune and cluster jobs then record each target's domain_distance to that data.")
final class ZooSourceCommand implements Callable<Integer> {

    /** The sample per class when --per-class is not given: enough for stable means, quick to extract. */
    static final int DEFAULT_PER_CLASS = 50;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    ImageSourceOptions source;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache (one sub-folder per model). Default: a per-folder cache under ~/.cache/modelscout.")
    Path cache;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        source.require(spec);
        if (source.perClass == null) {
            source.perClass = DEFAULT_PER_CLASS;
        }
        List<String> lines = record(source.request(cache), source.extractionOptions(spec), err);
        lines.forEach(out::println);
        out.flush();
        return 0;
    }

    /**
     * Extracts the features of the request's backbones on its images (not cached), writes each one's statistics
     * beside the catalog and sets the entries' {@code source_stats}, under the catalog's lock.
     *
     * @return one line per backbone for the user
     */
    static List<String> record(ZooFeatures request, ExtractionOptions options, PrintWriter err) {
        ImageDataset all = request.dataset();
        Path folder = request.zoo().toAbsolutePath().normalize().getParent();
        List<Backbone> updated = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        request.forEach(all, options, ProgressReporter.forConsole(err), (b, f) -> {
            FeatureStats stats = FeatureStats.of(f.features());
            String name = b.id() + ".source.npy";
            stats.write(folder.resolve(name));
            updated.add(b.withSourceStats(name));
            lines.add(String.format(Locale.ROOT, "%s: source statistics of %d images (%d-d features) -> %s", b.id(),
                    f.features().rows(), f.features().cols(), folder.resolve(name)));
        });
        BackboneCatalog.update(request.zoo(), c -> {
            BackboneCatalog next = c;
            for (Backbone u : updated) {
                if (next.contains(u.id())) {
                    next = next.with(next.get(u.id()).withSourceStats(u.sourceStats()), true);
                }
            }
            return next;
        }, err::println);
        return lines;
    }
}
