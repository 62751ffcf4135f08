package dev.modelscout.cli;

import dev.modelscout.recommender.TrueAccuracies;
import dev.modelscout.report.HtmlReports;
import dev.modelscout.workflow.recommend.RecommendReportData;
import dev.modelscout.workflow.recommend.RecommendRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code recommend}'s {@code --report FILE.html} and {@code --truth CSV}, mixed in with {@code @Mixin}. The command
 * calls {@link #check} before any work and {@link #write} with the run at the end; without {@code --report} the
 * write does nothing.
 */
final class RecommendReportOptions {

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report (opens offline, prints): the ranking, predicted "
                    + "accuracy against GMACs with the Pareto front, how each score ranks the backbones, with --truth "
                    + "predicted against true accuracy and each score beside the recommender against the truth, and "
                    + "the run's provenance. See docs/report.md.")
    Path report;

    @Option(names = "--truth", paramLabel = "CSV",
            description = "True fine-tuned accuracies to hold the ranking against (columns [dataset,]model,accuracy; "
                    + "rows of other datasets and empty accuracies are ignored): top-1 regret, top-3 hit, rank "
                    + "correlation, and what naive picks would have chosen, printed after the ranking and shown in the "
                    + "--report. The embedded sample target brings its own.")
    Path truth;

    private TrueAccuracies truths;

    /**
     * Before any work: --report's name (.html) and folder, and --truth read and checked, so that a bad file fails
     * now and not after the extraction.
     */
    void check(CommandSpec spec, Path defaultTruth) {
        if (report != null) {
            OutputPaths.require(report, "--report", ".html", ".htm");
        }
        Path t = truth != null ? truth : defaultTruth;
        if (t != null) {
            truths = TrueAccuracies.read(t);
        }
    }

    /**
     * The true accuracies of {@code datasetId}'s backbones when known (--truth, or the embedded sample's), else null;
     * fails when --truth has none of that dataset (before the extraction).
     */
    Map<String, Double> truthFor(String datasetId) {
        return truths == null ? null : truths.of(datasetId);
    }

    /**
     * How well the true accuracies of {@code datasetId} are known (standard errors, per-seed accuracies) and what
     * that means for {@code ranked}; empty without a truth or without standard errors.
     */
    java.util.Optional<dev.modelscout.recommender.TruthNoise> truthNoise(String datasetId,
            java.util.List<dev.modelscout.recommender.Prediction> ranked) {
        if (truths == null) {
            return java.util.Optional.empty();
        }
        return dev.modelscout.recommender.TruthNoise.of(ranked, truths.of(datasetId), truths.standardErrorsOf(datasetId),
                truths.seedsOf(datasetId));
    }

    /** Where the true accuracies come from, or null. */
    String truthSource() {
        return truths == null ? null : truths.source();
    }

    /** Writes the report of {@code run}, when one was asked for, and says so on {@code err}. */
    void write(PrintWriter err, RecommendRun run, int top) {
        if (report == null) {
            return;
        }
        String id = run.datasetId();
        HtmlReports.write(report, HtmlReports.recommendation(truths == null
                ? RecommendReportData.of(run, top, null, null)
                : RecommendReportData.of(run, top, truthSource(), truths.of(id), truths.standardErrorsOf(id),
                        truths.seedsOf(id))));
        Wrote.say(err, report);
    }
}
