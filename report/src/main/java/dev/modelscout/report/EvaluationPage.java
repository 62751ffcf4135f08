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
 * The {@code evaluate --report} page: the summary beside the popularity baseline with the paired difference to it
 * and its interval, what an auto recommender chose, Pearson / Kendall / regret per test dataset as a table and as
 * bars, the learning curve (learning-curve protocol; the page says when it is absent) and the history's coverage
 * heat map.
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
        differences(p, r);
        choices(p, r);
        if (r.curve().isEmpty()) {
            p.note("No learning curve: it is computed only with --protocol learning-curve (this run: " + r.protocol()
                    + ").");
        }
        p.endSection();
    }

    /** The paired difference to the baseline per metric, with its interval and what it says. */
    private static void differences(Page p, EvaluationReport r) {
        if (r.differences().isEmpty()) {
            return;
        }
        String base = r.summaries().stream().filter(Summary::baseline).map(Summary::recommender).findFirst()
                .orElse("the baseline");
        StringBuilder t = new StringBuilder("<h3>Against " + Html.esc(base) + ", paired by test dataset</h3>\n"
                + "<div class=\"table-wrap\"><table id=\"difference-table\"><thead><tr><th>metric</th>"
                + "<th class=\"num\">datasets</th><th class=\"num\">mean difference</th>"
                + "<th class=\"num\">95% interval</th><th>reading</th></tr></thead><tbody>\n");
        for (EvaluationReport.PairedDifference d : r.differences()) {
            boolean lowerBetter = d.metric().equals("regret");
            t.append("<tr><td>").append(Html.esc(d.metric() + (lowerBetter ? " (lower is better)" : " (higher is better)")))
                    .append("</td><td class=\"num\">").append(d.datasets()).append("</td><td class=\"num\">")
                    .append(Html.signed(d.mean(), 3)).append("</td><td class=\"num\">")
                    .append(Double.isFinite(d.low()) ? Html.signed(d.low(), 3) + " to " + Html.signed(d.high(), 3) : Html.UNKNOWN)
                    .append("</td><td>").append(Html.esc(reading(d, lowerBetter))).append("</td></tr>\n");
        }
        p.raw(t.append("</tbody></table></div>\n").toString());
        p.note("The recommender's metric minus the baseline's on the same test dataset (each dataset's mean over its "
                + "splits), averaged over the datasets. " + r.differences().get(0).method() + ".");
    }

    static String reading(EvaluationReport.PairedDifference d, boolean lowerBetter) {
        if (!Double.isFinite(d.low())) {
            return "too few datasets for an interval";
        }
        if (d.low() > 0) {
            return lowerBetter ? "the recommender is worse" : "the recommender is better";
        }
        if (d.high() < 0) {
            return lowerBetter ? "the recommender is better" : "the recommender is worse";
        }
        return "no clear difference (the interval holds 0)";
    }

    /** What an auto recommender chose: counts, and per held-out dataset in the per-dataset table. */
    private static void choices(Page p, EvaluationReport r) {
        if (r.choices().isEmpty()) {
            return;
        }
        Map<String, Integer> count = new LinkedHashMap<>();
        r.choices().forEach(c -> count.merge(c.choice(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        count.forEach((c, n) -> parts.add(c + " × " + n));
        p.raw("<p id=\"auto-choices\">auto chose, in each of its " + r.choices().size() + " fits (by inner "
                + "cross-validation on that fit's training jobs): <strong>" + Html.esc(String.join(", ", parts))
                + "</strong>" + (choiceByDataset(r).isEmpty() ? "." : "; per held-out dataset in the table below.")
                + "</p>\n");
    }

    /** Held-out dataset -> what auto chose for it, when every fit held out exactly one dataset; else empty. */
    static Map<String, String> choiceByDataset(EvaluationReport r) {
        Map<String, String> out = new LinkedHashMap<>();
        if (r.choices().isEmpty() || r.choices().stream().anyMatch(c -> c.heldOut() == null)) {
            return out;
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        r.choices().forEach(c -> all.computeIfAbsent(c.heldOut(), x -> new ArrayList<>()).add(c.choice()));
        all.forEach((d, cs) -> out.put(d, cs.stream().distinct().count() == 1 ? cs.get(0)
                : String.join(", ", cs)));
        return out;
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
        table(p, r, groups, datasets, recommenders);
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

    /** One row per test dataset: each recommender's metrics, the difference to the baseline, auto's choice. */
    private static void table(Page p, EvaluationReport r, Map<List<String>, List<DatasetMetrics>> groups,
            List<String> datasets, List<String> recommenders) {
        String main = r.summaries().get(0).recommender();
        String base = recommenders.stream().filter(x -> !x.equals(main)).findFirst().orElse(null);
        Map<String, String> auto = choiceByDataset(r);
        StringBuilder t = new StringBuilder("<div class=\"table-wrap\"><table class=\"sortable compact\" id=\"per-dataset-table\">"
                + "<thead><tr><th data-key=\"dataset\">test dataset</th>"
                + "<th data-key=\"n\" data-type=\"number\" class=\"num\">held-out jobs</th>");
        for (String rec : recommenders) {
            String who = rec.equals(main) ? "" : " (" + rec + ")";
            for (String[] m : new String[][] {{"pearson", "Pearson r"}, {"kendall", "Kendall τ"}, {"regret", "regret"}}) {
                t.append("<th data-key=\"").append(Html.esc(rec + "_" + m[0])).append("\" data-type=\"number\" class=\"num\">")
                        .append(Html.esc(m[1] + who)).append("</th>");
            }
        }
        if (base != null) {
            t.append("<th data-key=\"d_kendall\" data-type=\"number\" class=\"num\">Δ Kendall τ</th>"
                    + "<th data-key=\"d_regret\" data-type=\"number\" class=\"num\">Δ regret</th>");
        }
        if (!auto.isEmpty()) {
            t.append("<th data-key=\"auto\">auto chose</th>");
        }
        t.append("</tr></thead><tbody>\n");
        for (String d : datasets) {
            List<DatasetMetrics> mine = groups.getOrDefault(List.of(main, d), List.of());
            t.append("<tr><td>").append(Html.esc(d)).append("</td>");
            int n = mine.stream().mapToInt(DatasetMetrics::n).max().orElse(0);
            t.append("<td class=\"num\" data-value=\"").append(n).append("\">").append(n).append("</td>");
            for (String rec : recommenders) {
                List<DatasetMetrics> l = groups.getOrDefault(List.of(rec, d), List.of());
                for (Metric m : METRICS) {
                    double v = mean(l, m.ofDataset());
                    cell(t, v, Html.fixed(v, 3));
                }
            }
            if (base != null) {
                List<DatasetMetrics> b = groups.getOrDefault(List.of(base, d), List.of());
                double dk = mean(mine, DatasetMetrics::kendall) - mean(b, DatasetMetrics::kendall);
                double dr = mean(mine, DatasetMetrics::regret) - mean(b, DatasetMetrics::regret);
                cell(t, dk, Html.signed(dk, 3));
                cell(t, dr, Html.signed(dr, 3));
            }
            if (!auto.isEmpty()) {
                t.append("<td class=\"wrap\">").append(Html.esc(auto.getOrDefault(d, Html.UNKNOWN))).append("</td>");
            }
            t.append("</tr>\n");
        }
        p.raw(t.append("</tbody></table></div>\n").toString());
        p.note((r.protocol().equals("unseen-models") ? "Each dataset's mean over the splits that tested it. " : "")
                + (base != null ? "Δ: the recommender minus " + base + " (Kendall: above 0 is better; regret: below 0 "
                + "is better). " : "") + "Click a header to sort.");
    }

    private static void cell(StringBuilder t, double v, String shown) {
        t.append("<td class=\"num\" data-value=\"").append(Html.sortKey(v)).append("\">").append(Html.esc(shown)).append("</td>");
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
