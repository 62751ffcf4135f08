package dev.modelscout.report;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Self-contained HTML reports: a report-data record in, one HTML file out that a browser opens without any
 * network or disk access (every script and style inlined, no fonts loaded, a Content-Security-Policy that
 * forbids every request), readable on a laptop and printable. Charts are Vega-Lite specs drawn in the page by
 * the inlined Vega runtime; see docs/report.md.
 */
public final class HtmlReports {

    private HtmlReports() {
    }

    /** The {@code recommend --report} page. */
    public static String recommendation(RecommendationReport report) {
        return RecommendationPage.render(report);
    }

    /**
     * The {@code select --report} page: the recommend report of the loop's initial ranking ({@code initial}) with
     * the loop's trajectory added.
     */
    public static String selection(RecommendationReport initial, SelectionReport trajectory) {
        return RecommendationPage.render(initial, trajectory);
    }

    /** The {@code evaluate --report} page. */
    public static String evaluation(EvaluationReport report) {
        return EvaluationPage.render(report);
    }

    /** The {@code evaluate --protocol active --report} page: the evaluation page with {@code active}'s curves (null: none). */
    public static String evaluation(EvaluationReport report, ActiveReport active) {
        return EvaluationPage.render(report, active);
    }

    /**
     * Writes {@code html} to {@code file} atomically (a reader never sees half a report).
     *
     * @throws ReportException naming the file when it cannot be written
     */
    public static void write(Path file, String html) {
        try {
            AtomicFiles.write(file, html);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot write the report: " + IoErrors.reason(e), e);
        }
    }
}
