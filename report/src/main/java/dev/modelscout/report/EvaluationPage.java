package dev.modelscout.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.EvaluationReport.Cell;
import dev.modelscout.report.EvaluationReport.CurvePoint;
import dev.modelscout.report.EvaluationReport.DatasetMetrics;
import dev.modelscout.report.EvaluationReport.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The {@code evaluate --report} page: the summary beside the popularity baseline, Pearson / Kendall / regret bars
 * per test dataset, the learning curve (learning-curve protocol) and the history's coverage heat map.
 */
final class EvaluationPage {

    /** A metric the charts show: its title (with how to read it) and where its value is in each kind of row. */
    record Metric(String title, ToDoubleFunction<DatasetMetrics> ofDataset, ToDoubleFunction<CurvePoint> ofCurve) {
    }

    /** Pearson, Kendall and regret, in chart order. */
    static final List<Metric> METRICS = List.of(
            new Metric("Pearson r (higher is better)", DatasetMetrics::pearson, CurvePoint::pearson),
            new Metric("Kendall τ (higher is better)", DatasetMetrics::kendall, CurvePoint::kendall),
            new Metric("top-1 regret (lower is better)", DatasetMetrics::regret, CurvePoint::regret));

    /** Above this many heat-map cells the heat map is drawn on a canvas rather than as SVG. */
    static final int SVG_CELLS = 6000;

    private EvaluationPage() {
    }

    static String render(EvaluationReport r) {
        return render(r, null);
    }

    /** The page; with {@code active} ({@code --protocol active}), its regret curves after the per-dataset table. */
    static String render(EvaluationReport r, ActiveReport active) {
        Summary main = r.summaries().get(0);
        Page p = new Page("modelscout: evaluation of " + main.recommender() + " (" + r.protocol() + ")");
        EvaluationReport.Coverage cov = r.coverage();
        String subtitle = r.protocol() + " on " + r.history().source() + ": " + r.history().jobs() + " jobs, "
                + cov.datasets().size() + " datasets × " + cov.models().size() + " models; features "
                + String.join(", ", r.history().features());
        p.raw("<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#per-dataset\">Per test dataset</a>"
                + (active == null ? "" : "<a href=\"#active\">The guided loop</a>")
                + (r.curve().isEmpty() ? "" : "<a href=\"#learning-curve\">Learning curve</a>")
                + "<a href=\"#coverage\">Coverage</a><a href=\"#provenance\">Provenance</a></nav>\n");
        summary(p, r);
        perDataset(p, r);
        if (active != null) {
            ActiveSection.write(p, active);
        }
        if (!r.curve().isEmpty()) {
            curve(p, r);
        }
        coverage(p, r);
        provenance(p, r);
        return p.html(subtitle, RecommendationPage.footer(r.version(), r.createdAt()));
    }

    private static void summary(Page p, EvaluationReport r) {
        p.section("summary", "Summary");
        Summary main = r.summaries().get(0);
        Summary base = r.summaries().stream().filter(Summary::baseline).findFirst().orElse(null);
        StringBuilder s = new StringBuilder("<p class=\"callout\"><strong>").append(Html.esc(main.recommender()))
                .append("</strong>: mean Kendall τ <strong>").append(Html.fixed(main.mean().getOrDefault("kendall", Double.NaN), 3))
                .append("</strong>, mean top-1 regret <strong>").append(Html.fixed(main.mean().getOrDefault("regret", Double.NaN), 4))
                .append("</strong>");
        if (base != null) {
            s.append("; the popularity baseline: <strong>").append(Html.fixed(base.mean().getOrDefault("kendall", Double.NaN), 3))
                    .append("</strong> and <strong>").append(Html.fixed(base.mean().getOrDefault("regret", Double.NaN), 4))
                    .append("</strong>");
        }
        p.raw(s.append(".</p>\n").toString());
        StringBuilder t = new StringBuilder("<div class=\"table-wrap\"><table id=\"summary-table\"><thead><tr><th>recommender</th>");
        List<String> metrics = new ArrayList<>(main.mean().keySet());
        for (String m : metrics) {
            t.append("<th class=\"num\">").append(Html.esc(m.equals("hit_at_k") ? "hit@" + r.k() : m)).append("</th>");
        }
        t.append("</tr></thead><tbody>\n");
        for (Summary sm : r.summaries()) {
            t.append("<tr><td>").append(Html.esc(sm.recommender() + (sm.baseline() ? " (baseline)" : ""))).append("</td>");
            for (String m : metrics) {
                t.append("<td class=\"num\">").append(Html.fixed(sm.mean().getOrDefault(m, Double.NaN), 3)).append(" ± ")
                        .append(Html.fixed(sm.std().getOrDefault(m, Double.NaN), 3)).append("</td>");
            }
            t.append("</tr>\n");
        }
        p.raw(t.append("</tbody></table></div>\n").toString());
        p.note("Mean ± standard deviation over the test datasets"
                + (r.protocol().equals("unseen-models") ? " (of the split means)" : "")
                + (r.protocol().equals("learning-curve") ? " at the largest fraction" : "") + ".");
        p.endSection();
    }

    private static void perDataset(Page p, EvaluationReport r) {
        p.section("per-dataset", "Per test dataset");
        // mean over splits (unseen-models) or subsamples, per recommender and dataset, NaN left out
        Map<List<String>, List<DatasetMetrics>> groups = new LinkedHashMap<>();
        List<String> datasets = new ArrayList<>();
        List<String> recommenders = new ArrayList<>();
        for (DatasetMetrics d : r.perDataset()) {
            groups.computeIfAbsent(List.of(d.recommender(), d.dataset()), x -> new ArrayList<>()).add(d);
            if (!datasets.contains(d.dataset())) {
                datasets.add(d.dataset());
            }
            if (!recommenders.contains(d.recommender())) {
                recommenders.add(d.recommender());
            }
        }
        if (groups.isEmpty()) {
            p.paragraph("No test dataset was scored.");
            p.endSection();
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((key, list) -> METRICS.forEach(metric -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recommender", key.get(0));
            m.put("dataset", key.get(1));
            m.put("metric", metric.title());
            m.put("value", mean(list, metric.ofDataset()));
            m.put("n", list.stream().mapToInt(DatasetMetrics::n).max().orElse(0));
            m.put("splits", list.size());
            rows.add(m);
        }));
        ObjectNode spec = Specs.parse("""
                {"facet": {"column": {"field": "metric", "type": "nominal", "title": null}},
                 "spec": {
                   "name": "bars", "width": 150, "height": {"step": 22},
                   "mark": {"type": "bar"},
                   "encoding": {
                     "y": {"field": "dataset", "type": "nominal", "title": null, "axis": {"labelLimit": 150}},
                     "yOffset": {"field": "recommender", "type": "nominal"},
                     "x": {"field": "value", "type": "quantitative", "title": null, "axis": {"tickCount": 3}},
                     "color": {"field": "recommender", "type": "nominal", "title": null, "legend": {"orient": "top"}},
                     "tooltip": [{"field": "dataset"}, {"field": "recommender"}, {"field": "metric"},
                                 {"field": "value", "format": ".4f"}, {"field": "n", "title": "held-out jobs"},
                                 {"field": "splits", "title": "splits averaged"}]}},
                 "resolve": {"scale": {"x": "independent"}}}
                """);
        spec.set("data", Specs.rows(rows));
        ((ObjectNode) spec.get("facet").get("column")).set("sort", Specs.strings(METRICS.stream().map(Metric::title).toList()));
        ObjectNode enc = (ObjectNode) spec.get("spec").get("encoding");
        ((ObjectNode) enc.get("y")).set("sort", Specs.strings(datasets));
        ((ObjectNode) enc.get("yOffset")).set("sort", Specs.strings(recommenders));
        ((ObjectNode) enc.get("color")).putObject("scale").<ObjectNode>set("domain", Specs.strings(recommenders))
                .set("range", Specs.strings(List.of("#1f6feb", "#bf8700", "#8250df")));
        String how = switch (r.protocol()) {
            case "unseen-models" -> "mean over the splits in which the dataset was tested";
            case "learning-curve" -> "trained on all of every fold's training jobs (the largest fraction)";
            default -> "one bar per recommender";
        };
        spec.set("title", Specs.title("How well each test dataset's held-out models were ranked", how));
        spec.set("config", Specs.config());
        p.chart("per-dataset-chart", spec, "Pearson r and Kendall τ between predicted and true accuracy of the "
                + "held-out models of each test dataset, and the top-1 regret (best true accuracy minus that of the "
                + "top-ranked model), for the recommender and the popularity baseline"
                + (r.protocol().equals("learning-curve") ? ", at the largest fraction of the history." : "."), "svg");
        p.endSection();
    }

    static double mean(List<DatasetMetrics> list, ToDoubleFunction<DatasetMetrics> metric) {
        double s = 0;
        int n = 0;
        for (DatasetMetrics d : list) {
            double v = metric.applyAsDouble(d);
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static void curve(Page p, EvaluationReport r) {
        p.section("learning-curve", "Learning curve");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> recommenders = new ArrayList<>();
        for (CurvePoint c : r.curve()) {
            if (!recommenders.contains(c.recommender())) {
                recommenders.add(c.recommender());
            }
            for (Metric metric : METRICS) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("recommender", c.recommender());
                m.put("metric", metric.title());
                m.put("fraction", c.fraction());
                m.put("train_rows", c.trainRows());
                m.put("value", metric.ofCurve().applyAsDouble(c));
                rows.add(m);
            }
        }
        ObjectNode spec = Specs.parse("""
                {"facet": {"column": {"field": "metric", "type": "nominal", "title": null}},
                 "spec": {
                   "name": "curve", "width": 175, "height": 170,
                   "mark": {"type": "line", "point": true},
                   "encoding": {
                     "x": {"field": "fraction", "type": "quantitative", "title": "share of the training history",
                           "axis": {"format": "~%"}, "scale": {"domain": [0, 1]}},
                     "y": {"field": "value", "type": "quantitative", "title": null, "scale": {"zero": false}},
                     "color": {"field": "recommender", "type": "nominal", "title": null, "legend": {"orient": "top"}},
                     "tooltip": [{"field": "recommender"}, {"field": "fraction", "format": ".0%"},
                                 {"field": "train_rows", "title": "training jobs per fit", "format": ".0f"},
                                 {"field": "value", "format": ".4f"}]}},
                 "resolve": {"scale": {"y": "independent"}}}
                """);
        spec.set("data", Specs.rows(rows));
        ((ObjectNode) spec.get("facet").get("column")).set("sort", Specs.strings(METRICS.stream().map(Metric::title).toList()));
        ((ObjectNode) spec.get("spec").get("encoding").get("color")).putObject("scale")
                .<ObjectNode>set("domain", Specs.strings(recommenders))
                .set("range", Specs.strings(List.of("#1f6feb", "#bf8700", "#8250df")));
        spec.set("title", Specs.title("Quality against the share of the history used",
                "mean over the folds and subsamples at each fraction"));
        spec.set("config", Specs.config());
        p.chart("curve-chart", spec, "Each point: the recommender trained on that fraction of every fold's training "
                + "jobs, scored on the held-out dataset; the baseline on the same subsamples.", "svg");
        p.endSection();
    }

    private static void coverage(Page p, EvaluationReport r) {
        EvaluationReport.Coverage cov = r.coverage();
        p.section("coverage", "The history's coverage");
        int pairs = cov.datasets().size() * cov.models().size();
        p.paragraph(cov.cells().size() + " of " + pairs + " (dataset, model) pairs have a fine-tuning job ("
                + Html.fixed(pairs == 0 ? Double.NaN : 100.0 * cov.cells().size() / pairs, 0) + " %).");
        if (cov.cells().isEmpty()) {
            p.endSection();
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Cell c : cov.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", c.dataset());
            m.put("model", c.model());
            m.put("jobs", c.jobs());
            m.put("accuracy", c.meanAccuracy());
            rows.add(m);
        }
        int models = cov.models().size();
        int step = Math.max(2, Math.min(24, 700 / Math.max(1, models)));
        boolean labels = step >= 9;
        ObjectNode spec = Specs.parse("""
                {"name": "cells", "height": {"step": 18},
                 "mark": {"type": "rect"},
                 "encoding": {
                   "x": {"field": "model", "type": "nominal", "title": "model",
                         "axis": {"labelAngle": -55, "labelLimit": 140, "labelFontSize": 9}},
                   "y": {"field": "dataset", "type": "nominal", "title": "dataset", "axis": {"labelLimit": 170}},
                   "color": {"field": "accuracy", "type": "quantitative", "title": "mean accuracy",
                             "scale": {"scheme": "viridis"}, "legend": {"orient": "right", "gradientLength": 120}},
                   "tooltip": [{"field": "dataset"}, {"field": "model"}, {"field": "jobs"},
                               {"field": "accuracy", "title": "mean fine-tuned accuracy", "format": ".4f"}]}}
                """);
        spec.set("data", Specs.rows(rows));
        spec.putObject("width").put("step", step);
        ObjectNode enc = (ObjectNode) spec.get("encoding");
        ((ObjectNode) enc.get("x")).set("sort", Specs.strings(cov.models()));
        ((ObjectNode) enc.get("y")).set("sort", Specs.strings(cov.datasets()));
        if (!labels) {
            ((ObjectNode) enc.get("x").get("axis")).put("labels", false).put("ticks", false);
            ((ObjectNode) enc.get("x")).put("title", models + " models (hover a cell for its name), most covered first");
        }
        ObjectNode config = Specs.config();
        config.putObject("view").put("fill", "#eaeef2").putNull("stroke");
        spec.set("config", config);
        spec.set("title", Specs.title("Datasets × models of the history",
                "colour: mean fine-tuned accuracy of the pair's jobs; grey: no job"));
        p.chart("coverage-chart", spec, "Which pairs the recommender could learn from. A model with few coloured "
                + "cells was fine-tuned on few datasets, so what is predicted for it rests on little.",
                cov.cells().size() > SVG_CELLS ? "canvas" : "svg");
        p.endSection();
    }

    private static void provenance(Page p, EvaluationReport r) {
        p.section("provenance", "Provenance");
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"protocol", r.protocol()});
        f.add(new String[] {"history", r.history().source() + " (" + r.history().jobs() + " jobs)"});
        f.add(new String[] {"history SHA-256", r.history().sha256()});
        f.add(new String[] {"features", String.join(", ", r.history().features())});
        r.settings().forEach((k, v) -> f.add(new String[] {k, v}));
        f.add(new String[] {"timing", r.timing()});
        f.add(new String[] {"written", r.createdAt() + " by modelscout " + r.version()});
        p.facts(f);
        p.endSection();
    }
}
