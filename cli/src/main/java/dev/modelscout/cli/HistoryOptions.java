package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.FieldSpecException;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.recommend.RecommenderDefaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options shared by train and evaluate: how to read the history and which features to use. Both commands run on
 * the CPU only, so {@link #read} also notes once that an explicit CUDA --device is not used.
 */
final class HistoryOptions {

    private @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = "--history", paramLabel = "H.csv",
            description = "Training history CSV: one fine-tuning job a row, with dataset, model and accuracy columns "
                    + "and the history's other fields (docs/recommender.md); extra columns allowed. "
                    + "Default: the embedded world's history of fine-tuning jobs.")
    Path history;

    @Option(names = "--spec", paramLabel = "S.csv|S.json",
            description = "Field spec file, CSV or JSON: columns field, column, type, one_hot, log, and optionally normalize and "
                    + "interact. Default: the paper's table.")
    Path spec;

    @Option(names = "--features", paramLabel = "d,m,s,score_logme:zscore,...", defaultValue = RecommenderDefaults.FEATURES,
            description = "Fields or columns to use (d: dataset, m: model, s: every score); column:zscore|rank normalises "
                    + "within each dataset, column*arch_family crosses with a category. Default: ${DEFAULT-VALUE} (what "
                    + "the embedded world's recommender, the one recommend uses, was trained with).")
    String features;

    @Option(names = "--on-duplicate", paramLabel = "error|first|mean|replace", defaultValue = "error",
            description = "What to do with repeated (dataset, model) jobs (replace: the last one wins). Default: ${DEFAULT-VALUE}.")
    String onDuplicate;

    @Option(names = "--accuracy-percent", description = "The accuracy column holds percentages (divided by 100).")
    boolean accuracyPercent;

    /**
     * Refuses option values outside their range before the history is read (a usage error naming the
     * option): an unknown --on-duplicate, a --features list that selects nothing or names an unknown
     * normalisation ({@code score_logme:zcore}).
     */
    void check() {
        OnDuplicate.parse(onDuplicate);
        select(FieldSpec.defaults());
    }

    /** The history, after {@link #check}; notes an unused CUDA --device first (train and evaluate run on the CPU). */
    TrainingHistory read() {
        check();
        GlobalOptions.noteCpuOnly(command);
        if (history == null) {
            history = EmbeddedWorld.locate().history();
            command.commandLine().getErr().println("history: the embedded world's (" + history + ")");
        }
        return HistoryReader.read(history, ReadOptions.defaults()
                .withOnDuplicate(OnDuplicate.parse(onDuplicate)).withAccuracyInPercent(accuracyPercent));
    }

    /**
     * The selected features, checked against the history's columns; one warning on stderr per feature column
     * that is empty in every row of it (it cannot help the recommender).
     */
    FieldSpec features(TrainingHistory h) {
        FieldSpec selected = select(spec == null ? FieldSpec.defaults() : FieldSpec.read(spec)).requireColumnsOf(h);
        warnEmptyColumns(command.commandLine().getErr(), features, selected, h);
        return selected;
    }

    /** One line on stderr: what --features selected (train; evaluate prints them with its results). */
    void noteFeatures(FieldSpec selected) {
        noteFeatures(command.commandLine().getErr(), features, selected);
    }

    /** One line on stderr: what {@code --features} selected, so a default is never silent. */
    static void noteFeatures(PrintWriter err, String given, FieldSpec selected) {
        err.println("features (--features " + given + "): " + String.join(", ", selected.labels()));
        err.flush();
    }

    /**
     * The feature columns of {@code features} empty in every row of {@code history}: a column named in
     * {@code given} (the --features text) gets a warning of its own, since the user asked for it; those that came
     * with a group ({@code s}: every score column the history has; {@code d}, {@code m}) share one note, since
     * a history need not fill in every score (the recommender simply learns nothing from them).
     */
    static void warnEmptyColumns(PrintWriter err, String given, FieldSpec features, TrainingHistory history) {
        Set<String> named = FieldSpec.namesIn(FieldSpec.parseFeatures(given == null ? "" : given));
        List<String> grouped = new ArrayList<>();
        for (String c : features.emptyColumns(history)) {
            if (named.contains(c)) {
                err.println("warning: feature " + c + " is empty in every training row of " + history.source()
                        + "; it cannot help");
            } else {
                grouped.add(c);
            }
        }
        if (!grouped.isEmpty()) {
            err.println("note: " + grouped.size() + " column" + (grouped.size() == 1 ? "" : "s") + " of --features "
                    + given + " " + (grouped.size() == 1 ? "is" : "are") + " empty in every row of "
                    + history.source() + " and cannot help: " + String.join(", ", grouped));
        }
        err.flush();
    }

    private FieldSpec select(FieldSpec base) {
        try {
            return base.select(FieldSpec.parseFeatures(features));
        } catch (FieldSpecException e) {
            throw new InvalidOptionException("--features " + features + ": " + e.getMessage());
        }
    }
}
