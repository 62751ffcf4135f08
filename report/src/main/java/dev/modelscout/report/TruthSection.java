package dev.modelscout.report;

import static dev.modelscout.report.RecommendationPage.LABEL_ALL_UP_TO;
import static dev.modelscout.report.RecommendationPage.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.RecommendationReport.Candidate;
import dev.modelscout.report.RecommendationReport.NaivePick;
import dev.modelscout.report.RecommendationReport.Truth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recommendation page's section on true accuracies (present when they are known): the pick's regret
 * and rank correlations, the naive rules' picks as a table, predicted against true accuracy as a chart (with each
 * true accuracy's standard error where the truth gives one), and the recommender beside each score on its own:
 * Kendall's tau with the truth (and its interval over the truth's noise) and the regret of ranking by it, as a table
 * and a chart.
 */
final class TruthSection {

    private TruthSection() {
    }

    static void write(Page p, RecommendationReport r, int k) {
        Truth t = r.truth();
        p.section("truth", "Predicted against true accuracy");
        List<Candidate> known = r.candidates().stream().filter(c -> Double.isFinite(c.trueAccuracy())).toList();
        p.paragraph("True fine-tuned accuracies from " + t.source() + ": " + t.matched() + " of "
                + r.candidates().size() + " backbones.");
        if (known.isEmpty()) {
            p.paragraph("None of the ranked backbones has a true accuracy there, so there is nothing to compare.");
            t.notes().forEach(p::note);
            p.endSection();
            return;
        }
        Candidate best = known.stream().max(Comparator.comparingDouble(Candidate::trueAccuracy)).orElseThrow();
        Candidate pick = known.stream().min(Comparator.comparingInt(Candidate::rank)).orElseThrow();
        p.raw("<p class=\"callout\">The recommender's pick <strong>" + Html.esc(pick.model()) + "</strong> reaches "
                + "<strong>" + Html.fixed(pick.trueAccuracy(), 4) + "</strong>; the best is <strong>"
                + Html.esc(best.model()) + "</strong> at <strong>" + Html.fixed(best.trueAccuracy(), 4)
                + "</strong>: top-1 regret <strong>" + Html.fixed(t.regret(), 4) + "</strong>. Rank correlation of "
                + "predicted and true accuracy: Kendall τ <strong>" + Html.fixed(t.kendall(), 3) + "</strong>, "
                + "Spearman ρ <strong>" + Html.fixed(t.spearman(), 3) + "</strong>"
                + recommenderInterval(t) + ".</p>\n");
        if (t.noise() != null) {
            p.paragraph("The true accuracies are themselves measured with noise (" + t.noise().basis() + "): "
                    + t.noise().verdict() + ".");
        }
        StringBuilder tb = new StringBuilder("<table id=\"naive-picks\"><thead><tr><th>rule</th><th>picks</th>"
                + "<th class=\"num\">true accuracy</th><th class=\"num\">regret</th></tr></thead><tbody>\n");
        tb.append("<tr class=\"top\"><td>the recommender (rank 1)</td><td>").append(Html.esc(pick.model()))
                .append("</td><td class=\"num\">").append(Html.fixed(pick.trueAccuracy(), 4)).append("</td><td class=\"num\">")
                .append(Html.fixed(t.regret(), 4)).append("</td></tr>\n");
        Map<String, Candidate> byModel = new LinkedHashMap<>();
        r.candidates().forEach(c -> byModel.put(c.model(), c));
        for (NaivePick n : t.naivePicks()) {
            Candidate c = byModel.get(n.model());
            tb.append("<tr><td>").append(Html.esc(n.rule())).append("</td><td>").append(Html.esc(n.model()))
                    .append("</td><td class=\"num\">").append(Html.fixed(c == null ? Double.NaN : c.trueAccuracy(), 4))
                    .append("</td><td class=\"num\">").append(Html.fixed(n.regret(), 4)).append("</td></tr>\n");
        }
        p.raw(tb.append("</tbody></table>\n").toString());
        t.notes().forEach(p::note);

        List<Map<String, Object>> rows = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Candidate c : known) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", c.model());
            m.put("rank", c.rank());
            m.put("predicted", c.predicted());
            m.put("truth", c.trueAccuracy());
            m.put("truth_low", Double.isFinite(c.trueSe()) ? c.trueAccuracy() - c.trueSe() : Double.NaN);
            m.put("truth_high", Double.isFinite(c.trueSe()) ? c.trueAccuracy() + c.trueSe() : Double.NaN);
            m.put("se", c.trueSe());
            m.put("group", group(c, k));
            rows.add(m);
            double se = Double.isFinite(c.trueSe()) ? c.trueSe() : 0;
            lo = Math.min(lo, Math.min(c.predicted(), c.trueAccuracy() - se));
            hi = Math.max(hi, Math.max(c.predicted(), c.trueAccuracy() + se));
        }
        List<Map<String, Object>> picks = new ArrayList<>();
        for (NaivePick n : t.naivePicks()) {
            Candidate c = byModel.get(n.model());
            if (c != null && Double.isFinite(c.trueAccuracy())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", n.rule());
                m.put("model", n.model());
                m.put("predicted", c.predicted());
                m.put("truth", c.trueAccuracy());
                picks.add(m);
            }
        }
        ObjectNode spec = Specs.parse("""
                {"width": 560, "height": 380,
                 "encoding": {
                   "x": {"field": "truth", "type": "quantitative", "scale": {"zero": false, "nice": false},
                         "title": "true fine-tuned accuracy"},
                   "y": {"field": "predicted", "type": "quantitative", "scale": {"zero": false, "nice": false},
                         "title": "predicted fine-tuned accuracy"}},
                 "layer": [
                   {"name": "diagonal", "data": {"values": []},
                    "mark": {"type": "line", "strokeDash": [4, 4], "color": "#afb8c1", "strokeWidth": 1}},
                   {"name": "naive_picks", "data": {"values": []},
                    "mark": {"type": "point", "filled": false, "size": 420, "strokeWidth": 2, "color": "#24292f"},
                    "encoding": {
                      "shape": {"field": "rule", "type": "nominal", "title": "naive pick",
                                "scale": {"range": ["square", "triangle-up", "diamond", "cross"]},
                                "legend": {"orient": "right", "labelLimit": 260}},
                      "tooltip": [{"field": "rule", "title": "naive pick"}, {"field": "model"}]}},
                   {"name": "truth_se", "transform": [{"filter": "isValid(datum.se)"}],
                    "mark": {"type": "rule", "color": "#8c959f", "strokeWidth": 1.5},
                    "encoding": {"x": {"field": "truth_low"}, "x2": {"field": "truth_high"}}},
                   {"name": "truth_points", "mark": {"type": "point", "filled": true, "size": 80, "opacity": 0.9},
                    "encoding": {
                      "color": {"field": "group", "type": "nominal", "title": null, "legend": {"orient": "right"}},
                      "tooltip": [{"field": "model"}, {"field": "rank"},
                                  {"field": "predicted", "title": "predicted accuracy", "format": ".4f"},
                                  {"field": "truth", "title": "true accuracy", "format": ".4f"},
                                  {"field": "se", "title": "its standard error", "format": ".4f"}]}},
                   {"name": "truth_labels", "transform": [{"filter": "datum.label"}],
                    "mark": {"type": "text", "align": "center", "baseline": "middle", "fontSize": 11},
                    "encoding": {"x": {"field": "label_x", "type": "quantitative"},
                                 "y": {"field": "label_y", "type": "quantitative"}, "text": {"field": "model"}}}
                 ]}
                """);
        double[] domain = Labels.accuracyRange(lo, hi);
        Labels.Axes axes = new Labels.Axes(domain[0], domain[1], domain[0], domain[1], false, WIDTH, HEIGHT);
        List<double[]> obstacles = new ArrayList<>();
        for (Candidate c : known) {
            if (Double.isFinite(c.trueSe())) {
                double py = axes.py(c.predicted());
                obstacles.add(Labels.segment(axes.px(c.trueAccuracy() - c.trueSe()), py,
                        axes.px(c.trueAccuracy() + c.trueSe()), py));
            }
        }
        java.util.Set<String> picked = new java.util.HashSet<>();
        picks.forEach(m -> picked.add((String) m.get("model")));
        // a naive pick's outlined marker (size 420) is about 11 px across from its centre
        java.util.function.Function<Candidate, Labels.Point> point = c -> new Labels.Point(c.model(), c.trueAccuracy(),
                c.predicted(), picked.contains(c.model()) ? 12 : Labels.POINT_RADIUS);
        List<Labels.Point> order = known.stream().filter(c -> known.size() <= LABEL_ALL_UP_TO || c.rank() <= k)
                .sorted(Comparator.comparingInt((Candidate c) -> c.rank() <= k ? 0 : 1).thenComparingInt(Candidate::rank))
                .map(point).toList();
        Map<String, double[]> labels = Labels.place(order, known.stream().map(point).toList(), axes, obstacles);
        for (Map<String, Object> m : rows) {
            double[] at = labels.get((String) m.get("model"));
            m.put("label", at != null);
            m.put("label_x", at == null ? Double.NaN : at[0]);
            m.put("label_y", at == null ? Double.NaN : at[1]);
        }
        spec.put("width", WIDTH).put("height", HEIGHT);
        spec.set("data", Specs.rows(rows));
        ((ObjectNode) spec.get("encoding").get("x").get("scale")).set("domain", Specs.numbers(domain));
        ((ObjectNode) spec.get("encoding").get("y").get("scale")).set("domain", Specs.numbers(domain));
        lo = domain[0];
        hi = domain[1];
        List<Map<String, Object>> diagonal = List.of(Map.of("truth", lo, "predicted", lo), Map.of("truth", hi, "predicted", hi));
        ((ObjectNode) spec.get("layer").get(0)).set("data", Specs.rows(diagonal));
        ((ObjectNode) spec.get("layer").get(1)).set("data", Specs.rows(picks));
        ObjectNode color = (ObjectNode) spec.get("layer").get(3).get("encoding").get("color");
        RecommendationPage.groupColors(color, k);
        spec.set("title", Specs.title("Predicted against true fine-tuned accuracy",
                "top-1 regret " + Html.fixed(t.regret(), 4) + " · Kendall τ " + Html.fixed(t.kendall(), 3)
                        + " · Spearman ρ " + Html.fixed(t.spearman(), 3) + " · dashed: predicted = true"));
        spec.set("config", Specs.config());
        boolean ses = known.stream().anyMatch(c -> Double.isFinite(c.trueSe()));
        int unlabelled = order.size() - labels.size();
        p.chart("truth-chart", spec, "Each backbone with a true accuracy; the outlined markers are what the naive "
                + "rules pick (table above)." + (ses ? " Grey bars: the true accuracy ± one standard error." : "")
                + (unlabelled > 0 ? " " + unlabelled + " label" + (unlabelled == 1 ? " was" : "s were") + " left out "
                + "where they would overlap; hover a point for its name." : ""), "svg");
        rankers(p, r);
        p.endSection();
    }

    static final int WIDTH = 560;
    static final int HEIGHT = 380;

    private static String recommenderInterval(Truth t) {
        return t.rankers().stream().filter(RecommendationReport.Ranker::recommender).findFirst()
                .filter(x -> Double.isFinite(x.kendallLow()))
                .map(x -> " (Kendall's 95% interval over the truth's noise " + Html.fixed(x.kendallLow(), 2) + " to "
                        + Html.fixed(x.kendallHigh(), 2) + ")")
                .orElse("");
    }

    /** The recommender beside each score on its own: a table and a chart of Kendall's tau and regret. */
    private static void rankers(Page p, RecommendationReport r) {
        Truth t = r.truth();
        if (t.rankers().isEmpty()) {
            return;
        }
        p.raw("<h3 id=\"rankers\">The recommender and each score on its own, against the truth</h3>\n");
        boolean intervals = t.rankers().stream().anyMatch(x -> Double.isFinite(x.kendallLow()));
        StringBuilder tb = new StringBuilder("<div class=\"table-wrap\"><table id=\"rankers-table\"><thead><tr>"
                + "<th>ranked by</th><th class=\"num\">backbones</th><th class=\"num\">Kendall τ</th>"
                + (intervals ? "<th class=\"num\">95% interval</th>" : "")
                + "<th>ranks first</th><th class=\"num\">its true accuracy</th><th class=\"num\">regret</th>"
                + "</tr></thead><tbody>\n");
        for (RecommendationReport.Ranker x : t.rankers()) {
            tb.append(x.recommender() ? "<tr class=\"top\">" : "<tr>").append("<td>")
                    .append(Html.esc(rankerName(x))).append("</td><td class=\"num\">").append(x.n())
                    .append("</td><td class=\"num\">").append(Html.fixed(x.kendall(), 3)).append("</td>");
            if (intervals) {
                tb.append("<td class=\"num\">").append(Double.isFinite(x.kendallLow())
                        ? Html.fixed(x.kendallLow(), 2) + " to " + Html.fixed(x.kendallHigh(), 2) : Html.UNKNOWN)
                        .append("</td>");
            }
            tb.append("<td>").append(Html.esc(x.pick() == null ? Html.UNKNOWN : x.pick())).append("</td><td class=\"num\">")
                    .append(Html.fixed(x.pickAccuracy(), 4)).append("</td><td class=\"num\">")
                    .append(Html.fixed(x.regret(), 4)).append("</td></tr>\n");
        }
        p.raw(tb.append("</tbody></table></div>\n").toString());
        p.note("Kendall τ: rank correlation of the ranker's value with the true accuracy over the backbones that have "
                + "both (1: the same order). Regret: the best true accuracy minus that of what the ranker puts first "
                + "(a tie: their mean)." + (intervals ? " 95% interval: Kendall τ over truths drawn within their "
                + "noise (" + t.noise().basis() + "); where two rankers' intervals overlap, this truth cannot tell "
                + "them apart." : " The truth gives no standard errors or seeds, so there is no interval."));

        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (RecommendationReport.Ranker x : t.rankers()) {
            String name = rankerName(x);
            order.add(name);
            for (String metric : List.of(KENDALL, REGRET)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ranker", name);
                m.put("recommender", x.recommender());
                m.put("metric", metric);
                boolean kendall = metric.equals(KENDALL);
                m.put("value", kendall ? x.kendall() : x.regret());
                m.put("low", kendall ? x.kendallLow() : Double.NaN);
                m.put("high", kendall ? x.kendallHigh() : Double.NaN);
                m.put("pick", x.pick());
                rows.add(m);
            }
        }
        ObjectNode spec = Specs.parse("""
                {"facet": {"column": {"field": "metric", "type": "nominal", "title": null}},
                 "spec": {
                   "width": 230, "height": {"step": 22},
                   "encoding": {"y": {"field": "ranker", "type": "nominal", "title": null, "axis": {"labelLimit": 180}}},
                   "layer": [
                     {"name": "ranker_bars", "mark": {"type": "bar", "height": {"band": 0.7}},
                      "encoding": {
                        "x": {"field": "value", "type": "quantitative", "title": null},
                        "color": {"field": "recommender", "type": "nominal", "legend": null,
                                  "scale": {"domain": [true, false], "range": ["#1f6feb", "#8c959f"]}},
                        "tooltip": [{"field": "ranker", "title": "ranked by"}, {"field": "metric"},
                                    {"field": "value", "format": ".4f"}, {"field": "low", "title": "95% low", "format": ".3f"},
                                    {"field": "high", "title": "95% high", "format": ".3f"},
                                    {"field": "pick", "title": "ranks first"}]}},
                     {"name": "ranker_intervals", "transform": [{"filter": "isValid(datum.low)"}],
                      "mark": {"type": "rule", "color": "#24292f", "strokeWidth": 1.5},
                      "encoding": {"x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}}}
                   ]},
                 "resolve": {"scale": {"x": "independent"}}}
                """);
        spec.set("data", Specs.rows(rows));
        ((ObjectNode) spec.get("facet").get("column")).set("sort", Specs.strings(List.of(KENDALL, REGRET)));
        ((ObjectNode) spec.get("spec").get("encoding").get("y")).set("sort", Specs.strings(order));
        spec.set("title", Specs.title("The recommender beside each score on its own",
                "against the true accuracies of " + t.matched() + " backbones" + (intervals ? "; black: 95% interval over the truth's noise" : "")));
        spec.set("config", Specs.config());
        p.chart("rankers-chart", spec, "Blue: the recommender's ranking; grey: ranking by one score alone. A score "
                + "whose bar beats the recommender's ranks these backbones better on this dataset than the "
                + "recommender does.", "svg");
    }

    static final String KENDALL = "Kendall τ with the truth (higher is better)";
    static final String REGRET = "top-1 regret (lower is better)";

    private static String rankerName(RecommendationReport.Ranker x) {
        return x.recommender() ? "the recommender" : Names.score(x.name());
    }
}
