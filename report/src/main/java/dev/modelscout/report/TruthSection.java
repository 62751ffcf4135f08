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
 * and rank correlations, the naive rules' picks as a table, and predicted against true accuracy as a chart.
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
                + "Spearman ρ <strong>" + Html.fixed(t.spearman(), 3) + "</strong>.</p>\n");
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
            m.put("group", group(c, k));
            m.put("label", known.size() <= LABEL_ALL_UP_TO || c.rank() <= k);
            rows.add(m);
            lo = Math.min(lo, Math.min(c.predicted(), c.trueAccuracy()));
            hi = Math.max(hi, Math.max(c.predicted(), c.trueAccuracy()));
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
                   "x": {"field": "truth", "type": "quantitative", "scale": {"zero": false, "padding": 14},
                         "title": "true fine-tuned accuracy"},
                   "y": {"field": "predicted", "type": "quantitative", "scale": {"zero": false, "padding": 14},
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
                   {"name": "truth_points", "mark": {"type": "point", "filled": true, "size": 80, "opacity": 0.9},
                    "encoding": {
                      "color": {"field": "group", "type": "nominal", "title": null, "legend": {"orient": "right"}},
                      "tooltip": [{"field": "model"}, {"field": "rank"},
                                  {"field": "predicted", "title": "predicted accuracy", "format": ".4f"},
                                  {"field": "truth", "title": "true accuracy", "format": ".4f"}]}},
                   {"name": "truth_labels", "transform": [{"filter": "datum.label"}],
                    "mark": {"type": "text", "align": "left", "baseline": "bottom", "dx": 7, "dy": -5, "fontSize": 11},
                    "encoding": {"text": {"field": "model"}}}
                 ]}
                """);
        spec.set("data", Specs.rows(rows));
        List<Map<String, Object>> diagonal = List.of(Map.of("truth", lo, "predicted", lo), Map.of("truth", hi, "predicted", hi));
        ((ObjectNode) spec.get("layer").get(0)).set("data", Specs.rows(diagonal));
        ((ObjectNode) spec.get("layer").get(1)).set("data", Specs.rows(picks));
        ObjectNode color = (ObjectNode) spec.get("layer").get(2).get("encoding").get("color");
        RecommendationPage.groupColors(color, k, false);
        spec.set("title", Specs.title("Predicted against true fine-tuned accuracy",
                "top-1 regret " + Html.fixed(t.regret(), 4) + " · Kendall τ " + Html.fixed(t.kendall(), 3)
                        + " · Spearman ρ " + Html.fixed(t.spearman(), 3) + " · dashed: predicted = true"));
        spec.set("config", Specs.config());
        p.chart("truth-chart", spec, "Each backbone with a true accuracy; the outlined markers are what the naive "
                + "rules pick (table above).", "svg");
        p.endSection();
    }
}
