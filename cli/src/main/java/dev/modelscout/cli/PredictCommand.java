package dev.modelscout.cli;

import dev.modelscout.recommender.HistoryFormatException;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.TrainingHistory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout predict}: predicted fine-tuned accuracy of candidate (dataset, model) rows. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict fine-tuned accuracy for the rows of a CSV (history schema, accuracy optional), "
                + "ranked per dataset.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--model", required = true, paramLabel = "model.json", description = "A recommender saved by train.")
    Path model;

    @Option(names = "--rows", required = true, paramLabel = "rows.csv",
            description = "Candidate rows: dataset, model and the feature columns the recommender uses.")
    Path rows;

    @Option(names = "--out", paramLabel = "predictions.csv|-",
            description = "Also write all predictions as CSV; - writes them to stdout instead of the table.")
    Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rows shown per dataset. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--on-duplicate", paramLabel = "error|first|mean|replace", defaultValue = "error",
            description = "What to do with repeated (dataset, model) rows. Default: ${DEFAULT-VALUE}.")
    String onDuplicate;

    @Option(names = "--strict",
            description = "Refuse the rows when a column the recommender reads has no value in any of them (without "
                    + "--strict: a warning naming the columns, which then count as unknown).")
    boolean strict;

    @Mixin
    TableOptions table;

    @Option(names = "--spreadsheet-safe",
            description = "For a CSV --out meant for a spreadsheet: cells that would run as formulas (starting with =, +, -, "
                    + "@; numbers excepted) get a leading ' (OWASP CSV injection). Such a file is not for history append.")
    boolean spreadsheetSafe;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        // Every option value first (usage errors), then the model and the rows.
        OptionRanges.atLeast("--top", top, 1, "an integer >= 1");
        OnDuplicate duplicates = OnDuplicate.parse(onDuplicate);
        table.format();
        boolean outToStdout = StdoutFile.is(out);
        if (out != null && !outToStdout) {
            OutputPaths.requireWritable(out);
        }
        GlobalOptions.noteCpuOnly(spec);
        Recommender r = Recommenders.load(model);
        TrainingHistory candidates = HistoryReader.read(rows, ReadOptions.forPrediction().withOnDuplicate(duplicates));
        List<String> absent = Prediction.absentColumns(r, candidates.jobs());
        if (!absent.isEmpty()) {
            String what = rows + ": no row has a value in " + (absent.size() == 1 ? "column " : "columns ")
                    + String.join(", ", absent) + ", which " + model + " reads";
            if (strict) {
                throw new HistoryFormatException(what + " (--strict)");
            }
            spec.commandLine().getErr().println("warning: " + what + "; they count as unknown, so the predictions "
                    + "rest on the other columns alone (--strict refuses such rows)");
            spec.commandLine().getErr().flush();
        }
        List<Prediction> ranked = Prediction.rank(r, candidates.jobs());
        PrintWriter err = spec.commandLine().getErr();
        if (outToStdout) {
            StdoutFile.write(o, ".csv", f -> Prediction.write(ranked, f, spreadsheetSafe));
        } else {
            if (out != null) {
                Prediction.write(ranked, out, spreadsheetSafe);
            }
            Table t = Table.of(Table.text("dataset", Table.KEEP), Table.integer("rank", Table.KEEP),
                    Table.text("model", Table.KEEP), Table.number("predicted", Table.KEEP), Table.number("actual", 50));
            for (Prediction p : ranked) {
                if (p.rank() <= top) {
                    t.row(p.dataset(), p.rank(), p.model(), p.predicted(), p.actual());
                }
            }
            table.print(t, o, err);
        }
        err.println(r.provenance().trainer() + " trained on " + r.provenance().rows() + " jobs of "
                + r.provenance().historySource() + "; " + ranked.size() + " rows predicted");
        if (out != null && !outToStdout) {
            Wrote.say(err, out);
        }
        err.flush();
        o.flush();
        return 0;
    }
}
