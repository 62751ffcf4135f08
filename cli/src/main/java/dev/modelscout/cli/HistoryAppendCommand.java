package dev.modelscout.cli;

import dev.modelscout.recommender.AppendResult;
import dev.modelscout.recommender.HistoryAppender;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.workflow.EmbeddedWorld;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelscout history append}: appends the finished fine-tuning jobs of a CSV file to the history
 * ({@link HistoryAppender}); the history file is replaced atomically and left unchanged on any error.
 */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = {"Append finished fine-tuning jobs to a training history (created if missing).",
            "",
            "NEW.csv: history columns with 'accuracy' filled in every row, e.g. a 'recommend --out' CSV with an "
                + "accuracy column added. Its columns that the history lacks (rank, predicted_accuracy, ...) are "
                + "dropped with a note. The history is replaced atomically and is left unchanged on any error."})
final class HistoryAppendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--history", required = true, paramLabel = "H.csv",
            description = "Training history CSV to grow (holds accuracies as fractions in [0,1]).")
    Path history;

    @Option(names = "--jobs", required = true, paramLabel = "NEW.csv", description = "The new jobs (CSV with a header).")
    Path jobs;

    @Option(names = "--on-duplicate", paramLabel = "error|first|mean|replace", defaultValue = "error",
            description = "A new job whose (dataset, model) is already in the history: error (default) names both "
                    + "lines; first keeps the history's job; mean appends it too (read the history with "
                    + "--on-duplicate mean to average); replace removes the history's job and appends the new one.")
    String onDuplicate;

    @Option(names = "--accuracy-percent",
            description = "NEW.csv gives accuracies in percent; they are written to the history as fractions.")
    boolean accuracyPercent;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedWorld.refuseWritingInto(history, "--history");
        OutputPaths.requireWritable(history);
        AppendResult r = HistoryAppender.append(history, jobs, OnDuplicate.parse(onDuplicate), accuracyPercent, m -> {
            err.println(m);
            err.flush();
        });
        if (!r.droppedColumns().isEmpty()) {
            err.println("note: columns of " + jobs + " not in the header of " + history + " were dropped: "
                    + String.join(", ", r.droppedColumns()));
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(count(r.appended(), "job") + " appended to " + history
                + (r.created() ? " (created)" : "")
                + (r.skipped() > 0 ? ", " + r.skipped() + " skipped (already in the history)" : "")
                + (r.replaced() > 0 ? ", " + r.replaced() + " replaced" : "")
                + "; history now " + count(r.jobs(), "job") + " over " + count(r.datasets(), "dataset") + " x "
                + count(r.models(), "model"));
        out.flush();
        return 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
