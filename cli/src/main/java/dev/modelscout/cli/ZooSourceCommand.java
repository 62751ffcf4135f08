package dev.modelscout.cli;

import dev.modelscout.workflow.zoo.SourceStatistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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
                + "recommend, finetune and cluster jobs then record each target's domain_distance to that data. "
                + "--zoo is required here: this command writes the catalog, and the embedded world's zoo (the other "
                + "commands' default) is never written.",
        modelTransformer = ZooSourceCommand.ZooRequired.class)
final class ZooSourceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Mixin
    ImageSourceOptions source;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache (one sub-folder per model). Default: a per-folder cache under ~/.cache/modelscout.")
    Path cache;

    /**
     * Makes the mixed-in --zoo required for this command (usage and error as picocli's for any required option):
     * the commands that only read a catalog default to the embedded world's, which no command writes.
     */
    static final class ZooRequired implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            OptionSpec zoo = spec.findOption("--zoo");
            spec.remove(zoo);
            spec.addOption(OptionSpec.builder(zoo).required(true)
                    .description("Zoo catalog (.csv or .json) to store the statistics with.").build());
            return spec;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        source.require(spec);
        if (source.perClass == null) {
            source.perClass = SourceStatistics.DEFAULT_PER_CLASS;
        }
        List<String> lines = SourceStatistics.record(source.request(cache), source.extractionOptions(spec),
                GlobalOptions.of(spec).overlap(), ProgressReporter.forConsole(spec), err::println);
        lines.forEach(out::println);
        out.flush();
        return 0;
    }
}
