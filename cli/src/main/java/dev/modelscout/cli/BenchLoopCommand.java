package dev.modelscout.cli;

import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.recommender.guided.GuidedSearch;
import dev.modelscout.recommender.guided.LoopBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout bench loop}: what one round of the guided loop costs on a history. */
@Command(name = "loop", mixinStandardHelpOptions = true,
        description = "Time the guided loop (select) on a history: the set-up (recommender and its leave-one-dataset-out "
                + "residuals, on the history without --dataset) and each round's re-ranking of --dataset's candidates.")
final class BenchLoopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--history", required = true, paramLabel = "H.csv", description = "The history.")
    Path history;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset replayed as the target.")
    String dataset;

    @Option(names = "--recommender", defaultValue = "fm", paramLabel = "NAME", description = "Default: ${DEFAULT-VALUE}.")
    String recommender;

    @Option(names = "--features", defaultValue = "d,m,score_logme:zscore,score_reg_hscore:zscore", paramLabel = "F",
            description = "Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--rounds", defaultValue = "10", paramLabel = "N", description = "Rounds timed. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        OptionRanges.atLeast("--rounds", rounds, 1, "an integer >= 1");
        TrainingHistory h = HistoryReader.read(history, ReadOptions.defaults());
        FieldSpec f = FieldSpec.defaults().select(FieldSpec.parseFeatures(features)).requireColumnsOf(h);
        LoopBenchmark b = LoopBenchmark.run(h, Recommenders.trainer(recommender), f, dataset, rounds,
                GuidedSearch.Config.defaults());
        o.printf(Locale.ROOT, "%s (%d jobs), target %s (%d candidates), %s on %s%n", history, h.size(), dataset,
                b.candidates(), recommender, features);
        o.printf(Locale.ROOT, "set-up (train + leave-one-dataset-out residuals + the loop's prior and stop level): %.2f s%n", b.setupSeconds());
        for (int i = 0; i < b.roundSeconds().size(); i++) {
            o.printf(Locale.ROOT, "round %d (%d observed): %.4f s%n", i + 1, i, b.roundSeconds().get(i));
        }
        o.printf(Locale.ROOT, "one round's re-ranking: median %.4f s, slowest %.4f s%n", b.medianRoundSeconds(),
                b.maxRoundSeconds());
        o.flush();
        return 0;
    }
}
