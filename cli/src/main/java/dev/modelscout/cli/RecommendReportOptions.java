package dev.modelscout.cli;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrueAccuracies;
import dev.modelscout.report.HtmlReports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code recommend}'s {@code --report FILE.html} and {@code --truth CSV}, mixed in with {@code @Mixin}. The command
 * calls {@link #check} before any work, {@link #listener} as the pipeline starts and {@link #write} at the end;
 * without {@code --report} the three do nothing (the listener is the one given).
 */
final class RecommendReportOptions {

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report (opens offline, prints): the ranking, predicted "
                    + "accuracy against GMACs with the Pareto front, each score against the prediction, predicted "
                    + "against true accuracy with --truth, and the run's provenance. See docs/report.md.")
    Path report;

    @Option(names = "--truth", paramLabel = "CSV",
            description = "True fine-tuned accuracies to hold the ranking against (columns [dataset,]model,accuracy; "
                    + "rows of other datasets and empty accuracies are ignored): top-1 regret, top-3 hit, rank "
                    + "correlation, and what naive picks would have chosen, printed after the ranking and shown in the "
                    + "--report. The embedded sample target brings its own.")
    Path truth;

    private TrueAccuracies truths;
    private long startNanos;
    private long pipelineNanos;
    private RunRecord record;

    /** True when a report was asked for. */
    boolean requested() {
        return report != null;
    }

    /**
     * Before any work: --report's name (.html) and folder, and --truth read and checked, so that a bad file fails
     * now and not after the extraction. Starts the run's clock.
     */
    void check(CommandSpec spec, Path defaultTruth) {
        startNanos = System.nanoTime();
        if (report != null) {
            OutputPaths.require(report, "--report", ".html", ".htm");
        }
        Path t = truth != null ? truth : defaultTruth;
        if (t != null) {
            truths = TrueAccuracies.read(t);
        }
    }

    /** The true accuracies of {@code datasetId}'s backbones when known (--truth, or the embedded sample's), else null. */
    Map<String, Double> truthFor(String datasetId) {
        return truths == null ? null : truths.of(datasetId);
    }

    /** Where the true accuracies come from, or null. */
    String truthSource() {
        return truths == null ? null : truths.source();
    }

    /**
     * The pipeline's listener: {@code progress} itself, or with --report {@code progress} recorded for the report.
     * Also checks that --truth has accuracies of {@code datasetId} (before the extraction).
     */
    ExtractionListener listener(ExtractionListener progress, String datasetId) {
        if (truths != null) {
            truths.of(datasetId);
        }
        if (report == null) {
            return progress;
        }
        record = new RunRecord(progress);
        pipelineNanos = System.nanoTime();
        return record;
    }

    /** Writes the report, when one was asked for, and says so on {@code err}. */
    void write(PrintWriter err, String datasetId, List<Prediction> ranked, List<String> scoreNames, int top,
            Recommender recommender, RecommenderSource from, ImageSourceOptions source, Device device,
            Map<String, Double> historyMeans) {
        if (report == null) {
            return;
        }
        long end = System.nanoTime();
        RecommendReportData.Run run = new RecommendReportData.Run(datasetId, ranked, scoreNames, top, recommender,
                RecommendReportData.origin(from), source.zoo, source.images, source.perClass(), source.seed,
                device.toString(), (pipelineNanos - startNanos) / 1e9, (end - pipelineNanos) / 1e9, record,
                truthSource(), truthFor(datasetId), historyMeans,
                dev.modelscout.recommender.PredictionIntervals.of(from.calibration, recommender, ranked,
                        dev.modelscout.recommender.Calibration.SHOWN));
        HtmlReports.write(report, HtmlReports.recommendation(RecommendReportData.of(run)));
        err.println("wrote " + report);
    }
}
