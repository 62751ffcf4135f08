package dev.modelscout.cli;

import dev.modelscout.recommender.AutoRecommender;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.Trainer;
import dev.modelscout.recommender.TrainingHistory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout train}: learn a recommender from a training history and save it as JSON. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a recommender (auto: the one inner cross-validation picks; FM, ridge, their ensemble or popularity) "
                + "on a history of fine-tuning jobs; save it as JSON.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    HistoryOptions historyOptions;

    @Mixin
    TrainerOptions trainerOptions;

    @Option(names = "--out", required = true, paramLabel = "model.json", description = "Where to save the trained recommender.")
    Path out;

    /** csv / json: auto's inner candidates (the rows train prints) on stdout, the summary on stderr. */
    @Mixin
    TableOptions table;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter o = table.machine() ? spec.commandLine().getErr() : stdout;
        // Every option value first (usage errors), the history next, training last.
        OutputPaths.requireWritable(out);
        historyOptions.check();
        Trainer trainer = trainerOptions.trainer();
        PrintWriter err = spec.commandLine().getErr();
        trainerOptions.noteDeprecated(err);
        long t0 = System.nanoTime();
        TrainingHistory history = historyOptions.read();
        err.println(String.format(Locale.ROOT, "read %d jobs (%d datasets x %d models) in %.1f s; training %s", history.size(),
                history.datasets().size(), history.models().size(), (System.nanoTime() - t0) / 1e9, trainer.name()));
        err.flush();
        FieldSpec features = historyOptions.features(history);
        historyOptions.noteFeatures(features);
        long t = System.nanoTime();
        Recommender r = trainer.train(history, features, ProgressReporter.throttled(err, 2000));
        double seconds = (System.nanoTime() - t) / 1e9;
        dev.modelscout.recommender.Calibration calibration = dev.modelscout.recommender.Calibration.of(
                dev.modelscout.recommender.LodoResiduals.of(history, trainer, features, r));
        Recommenders.save(r, calibration, out);
        AutoRecommender.Model auto = r instanceof AutoRecommender.Model a ? a : null;
        Map<String, String> settings = new LinkedHashMap<>(r.provenance().settings());
        if (auto != null) {
            settings.keySet().removeIf(k -> k.startsWith("inner.")); // shown as the table below
        }
        Table.of("item", "value").addAll(List.of(
                List.of("recommender", r.provenance().trainer()),
                List.of("settings", settings.toString()),
                List.of("history", history.source() + " (" + history.size() + " jobs, sha256 "
                        + history.sha256().substring(0, 12) + "...)"),
                List.of("features", String.join(",", r.provenance().features())),
                List.of("training time", String.format(Locale.ROOT, "%.3f s", seconds)),
                List.of("intervals", IntervalText.of(calibration)),
                List.of("saved to", out.toString()))).print(o);
        if (auto != null) {
            o.println();
            o.println("auto chose " + auto.choice() + " (" + settings.get("selection") + "; score pool: "
                    + settings.get("scorePool") + "):");
            o.println("steps: " + settings.get("steps"));
            Table c = Table.of(Table.text("candidate", Table.KEEP), Table.number("inner_score", Table.KEEP),
                    Table.number("inner_kendall", 60), Table.number("inner_pearson", 50), Table.integer("groups", 20),
                    Table.number("vs_popularity", 70), Table.number("standard_error", 65).header("se"),
                    new Table.Column("chosen", "chosen", Table.Kind.TEXT, 80));
            for (AutoRecommender.InnerScore s : auto.validation()) {
                c.row(s.candidate(), s.score(), s.kendall(), s.pearson(), s.groups(), s.vsBaseline(), s.standardError(),
                        s.candidate().equals(auto.choice()));
            }
            table.print(c, table.machine() ? stdout : o, spec.commandLine().getErr());
        } else if (table.machine()) {
            spec.commandLine().getErr().println("note: --format " + table.format + " prints auto's inner candidates; "
                    + r.provenance().trainer() + " has none");
        }
        o.flush();
        return 0;
    }

}
