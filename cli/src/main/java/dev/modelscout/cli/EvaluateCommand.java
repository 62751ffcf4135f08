package dev.modelscout.cli;

import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.LearningCurves;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.recommender.evaluation.CurvePoint;
import dev.modelscout.recommender.evaluation.DatasetScore;
import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Protocol;
import dev.modelscout.recommender.evaluation.Result;
import dev.modelscout.recommender.evaluation.ResultsJson;
import dev.modelscout.recommender.evaluation.Summary;
import dev.modelscout.recommender.evaluation.Timing;
import dev.modelscout.report.HtmlReports;
import dev.modelscout.workflow.evaluate.EvaluateReportData;
import dev.modelscout.workflow.evaluate.EvaluateRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout evaluate}: offline evaluation of a recommender on a history, beside the popularity baseline. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a recommender on a history (unseen-models, leave-one-dataset-out, train-test, "
                + "learning-curve): Pearson, Spearman, Kendall tau-b, weighted tau, top-1 regret, top-k hit rate "
                + "per test dataset, averaged; the popularity baseline is evaluated on the same splits. "
                + "A setting out of its range (or one the history cannot satisfy) is refused before any training.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    HistoryOptions historyOptions;

    @Mixin
    TrainerOptions trainerOptions;

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "leave-one-dataset-out",
            description = "unseen-models | leave-one-dataset-out | train-test | learning-curve | active. Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--test-datasets", paramLabel = "ID", split = ",",
            description = "Datasets of the history to test on, each once. Default: all; train-test: all not trained on.")
    List<String> testDatasets = new ArrayList<>();

    @Option(names = "--train-datasets", paramLabel = "ID", split = ",",
            description = "train-test, active: datasets of the history to train on, each once, none tested "
                    + "(one of the two lists is needed). Default: all not tested.")
    List<String> trainDatasets = new ArrayList<>();

    @Option(names = "--splits", paramLabel = "N", defaultValue = "10", description = "unseen-models: random splits, >= 1. Default: ${DEFAULT-VALUE}.")
    int splits;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "unseen-models: fraction of models held out, in (0,1); it must hold out 2 or more models, "
                    + "leave 1 or more to train on, and hold out 2 or more jobs of some test dataset in every split. "
                    + "Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--split-seed", paramLabel = "N", defaultValue = "0", description = "Seed of splits and subsamples. Default: ${DEFAULT-VALUE}.")
    long splitSeed;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "3", description = "k of the top-k hit rate, >= 1. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--fractions", paramLabel = "F", split = ",", defaultValue = "0.1,0.2,0.3,0.5,0.7,1.0",
            description = "learning-curve: fractions of the training jobs, increasing, in (0,1], each keeping 1 or "
                    + "more jobs. Default: ${DEFAULT-VALUE}.")
    List<Double> fractions;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "learning-curve: subsamples per fraction below 1, >= 1. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--curves", paramLabel = "C.csv",
            description = "active: the learning curves of the history's jobs (dataset,model,seed,epoch,val_accuracy), "
                    + "to replay the orders charged in backbone-epochs beside one-epoch-then-top-k and successive "
                    + "halving. Default: H-curves.csv beside --history H.csv when it exists.")
    Path curves;

    @Option(names = "--no-baseline", description = "Do not evaluate the popularity baseline beside it.")
    boolean noBaseline;

    @Option(names = "--per-dataset", description = "Print the per-dataset table too.")
    boolean perDataset;

    @Option(names = "--out", paramLabel = "results.json|-", description = "Write the results as JSON; - writes them to "
            + "stdout instead of the tables.")
    Path out;

    @Mixin
    TableOptions table;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report (opens offline, prints): Pearson, Kendall and regret "
                    + "per test dataset beside the baseline, the paired difference to it with its interval, auto's "
                    + "choices, the learning curve, the history's datasets x models. See docs/report.md.")
    Path report;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean outToStdout = StdoutFile.is(out);
        // With rows for a machine on stdout (--format csv|json, --out -), the lines for people go to stderr.
        PrintWriter o = table.machine() || outToStdout ? spec.commandLine().getErr() : stdout;
        if (out != null && !outToStdout) {
            OutputPaths.requireWritable(out);
        }
        // Option ranges first (Options refuses them), the history's checks next (in evaluate), training last.
        Options options = new Options(Protocol.Kind.parse(protocol), testDatasets, trainDatasets, splits, testFraction,
                splitSeed, topK, fractions, repeats);
        if (report != null) {
            OutputPaths.require(report, "--report", ".html", ".htm");
        }
        trainerOptions.check();
        trainerOptions.noteDeprecated(spec.commandLine().getErr());
        TrainingHistory history = historyOptions.read();
        FieldSpec features = historyOptions.features(history);
        LearningCurves learningCurves = curves(options, historyOptions.history);
        EvaluateRun run = EvaluateRun.of(history, trainerOptions.trainer(),
                noBaseline || trainerOptions.isBaseline() ? null : trainerOptions.trainer(Popularity.NAME), features,
                options, learningCurves);
        Result result = run.result();
        print(o, result, history);
        Timing t = result.timing();
        err.printf(Locale.ROOT, "timing: %d fits, %.3f s training (%.3f s per fit), %.3f s in all%n", t.fits(),
                t.trainSeconds(), t.meanTrainSeconds(), t.totalSeconds());
        if (!run.choices().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            run.choiceCounts().forEach((c, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(c).append(" x ").append(n));
            err.println("auto chose (per fit, by inner CV on that fit's training jobs): " + sb);
            if (run.choices().size() <= 20 && run.choices().stream().allMatch(c -> c.heldOut() != null)) {
                StringBuilder per = new StringBuilder();
                run.choices().forEach(c -> per.append(per.length() == 0 ? "" : ", ").append(c.heldOut()).append(": ")
                        .append(c.choice()));
                err.println("auto's choice by held-out dataset: " + per);
            }
        }
        if (table.machine() && !outToStdout) {
            table.print(perDataset(result), stdout, spec.commandLine().getErr());
        }
        if (outToStdout) {
            StdoutFile.write(stdout, ".json", f -> ResultsJson.write(result, f));
        } else if (out != null) {
            ResultsJson.write(result, out);
            Wrote.say(err, out);
        }
        if (report != null) {
            HtmlReports.write(report, HtmlReports.evaluation(EvaluateReportData.of(run, history, options),
                    EvaluateReportData.active(result)));
            Wrote.say(err, report);
        }
        o.flush();
        err.flush();
        return 0;
    }

    /**
     * The active protocol's learning curves: {@code --curves}, else those beside the history when there; null
     * (with one note on stderr saying why) when there are none, or for another protocol.
     */
    private LearningCurves curves(Options options, Path historyFile) {
        if (options.protocol() != Protocol.Kind.ACTIVE) {
            if (curves != null) {
                throw new dev.modelscout.core.InvalidOptionException("--curves is used by --protocol active only (not "
                        + options.protocol().id() + ")");
            }
            return null;
        }
        if (curves != null) {
            return LearningCurves.read(curves);
        }
        Path beside = historyFile == null ? null : LearningCurves.besideHistory(historyFile);
        if (beside != null && Files.isRegularFile(beside)) {
            spec.commandLine().getErr().println("learning curves: " + beside);
            return LearningCurves.read(beside);
        }
        spec.commandLine().getErr().println("note: no learning curves (" + (beside == null ? "no history file"
                : beside + " not found") + "; --curves C.csv names them): the orders in backbone-epochs, "
                + "one-epoch-then-top-k and successive halving are left out");
        return null;
    }

    private void print(PrintWriter o, Result r, TrainingHistory history) {
        o.println(r.protocol() + " on " + history.source() + " (" + history.size() + " jobs), features "
                + String.join(",", r.features()));
        if (perDataset || (r.perDataset().size() <= 20 && r.curve() == null)) {
            table.print(perDataset(r), o, spec.commandLine().getErr());
            o.println();
        }
        if (r.curve() != null) {
            List<List<String>> rows = new ArrayList<>();
            for (CurvePoint c : r.curve()) {
                Map<String, Double> m = c.metrics().asMap();
                List<String> row = new ArrayList<>(List.of(f(c.fraction()), String.format(Locale.ROOT, "%.0f", c.trainRows())));
                m.values().forEach(v -> row.add(f(v)));
                rows.add(row);
            }
            List<String> header = new ArrayList<>(List.of("fraction", "train_rows"));
            header.addAll(r.metrics().asMap().keySet());
            Table.of(header.toArray(String[]::new)).addAll(rows).print(o);
            o.println();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(summaryRow(r.recommender(), r.metrics(), r.std()));
        if (r.baseline() != null) {
            rows.add(summaryRow(r.baseline().recommender(), r.baseline().metrics(), r.baseline().std()));
        }
        List<String> header = new ArrayList<>(List.of("recommender"));
        header.addAll(Arrays.asList("pearson", "spearman", "kendall", "w_tau", "w_tau_rank_none", "regret", "hit@" + r.k()));
        Table.of(header.toArray(String[]::new)).addAll(rows).print(o);
        if (r.active() != null) {
            ActiveTable.print(o, r.active(), r.baseline() == null ? null : r.baseline().recommender());
        }
    }

    /** One row per test dataset (and split): the recommender's metrics there. */
    private static Table perDataset(Result r) {
        Table t = Table.of(Table.text("dataset", Table.KEEP), Table.integer("split", 20), Table.integer("n", 60),
                Table.number("pearson", 90), Table.number("spearman", 50), Table.number("kendall", 90),
                Table.number("weighted_tau", 40).header("w_tau"),
                Table.number("weighted_tau_rank_none", 30).header("w_tau_rank_none"), Table.number("regret", 90),
                Table.number("hit_at_k", 70).header("hit@" + r.k()));
        for (DatasetScore d : r.perDataset()) {
            t.row(d.dataset(), d.split(), d.n(), d.pearson(), d.spearman(), d.kendall(), d.weightedTau(),
                    d.weightedTauRankNone(), d.regret(), d.hitAtK());
        }
        return t;
    }

    private static List<String> summaryRow(String name, Summary m, Summary s) {
        List<String> row = new ArrayList<>(List.of(name));
        Map<String, Double> mean = m.asMap();
        Map<String, Double> std = s.asMap();
        mean.forEach((k, v) -> row.add(f(v) + " +- " + f(std.get(k))));
        return row;
    }

    private static String f(double d) {
        return Double.isNaN(d) ? "nan" : String.format(Locale.ROOT, "%.3f", d);
    }
}
