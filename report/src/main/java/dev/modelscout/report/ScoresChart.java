package dev.modelscout.report;

import static dev.modelscout.report.RecommendationPage.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.RecommendationReport.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recommendation page's scores section: one facet per score, each backbone's score against its
 * predicted accuracy, with Kendall's tau between the two in the panel title. Absent when no score was asked.
 */
final class ScoresChart {

    private ScoresChart() {
    }

    static void write(Page p, RecommendationReport r, int k) {
        if (r.scores().isEmpty()) {
            return;
        }
        p.section("scores", "Each score against the predicted accuracy");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> panels = new ArrayList<>();
        for (String s : r.scores()) {
            double tau = r.scoreKendall().getOrDefault(s, Double.NaN);
            String panel = Names.score(s) + (Double.isFinite(tau) ? " (τ " + Html.fixed(tau, 2) + ")" : "");
            boolean any = false;
            for (Candidate c : r.candidates()) {
                if (!Double.isFinite(c.score(s)) || !Double.isFinite(c.predicted())) {
                    continue;
                }
                any = true;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("panel", panel);
                m.put("model", c.model());
                m.put("rank", c.rank());
                m.put("value", c.score(s));
                m.put("predicted", c.predicted());
                m.put("group", group(c, k));
                m.put("label", r.candidates().size() <= 15 || c.rank() <= k);
                rows.add(m);
            }
            if (any) {
                panels.add(panel);
            }
        }
        if (rows.isEmpty()) {
            p.paragraph("No score has a value for any backbone.");
            p.endSection();
            return;
        }
        ObjectNode spec = Specs.parse("""
                {"facet": {"field": "panel", "type": "nominal", "title": null},
                 "columns": 3,
                 "spec": {
                   "width": 190, "height": 170,
                   "encoding": {
                     "x": {"field": "value", "type": "quantitative", "scale": {"zero": false, "padding": 10}, "title": "score"},
                     "y": {"field": "predicted", "type": "quantitative", "scale": {"zero": false, "padding": 10},
                           "title": "predicted accuracy"}},
                   "layer": [
                     {"name": "score_points", "mark": {"type": "point", "filled": true, "size": 55, "opacity": 0.9},
                      "encoding": {
                        "color": {"field": "group", "type": "nominal", "title": null, "legend": {"orient": "top"}},
                        "tooltip": [{"field": "model"}, {"field": "rank"}, {"field": "value", "title": "score", "format": ".4~g"},
                                    {"field": "predicted", "title": "predicted accuracy", "format": ".4f"}]}},
                     {"name": "score_labels", "transform": [{"filter": "datum.label"}],
                      "mark": {"type": "text", "align": "left", "baseline": "bottom", "dx": 5, "dy": -3, "fontSize": 9},
                      "encoding": {"text": {"field": "model"}}}
                   ]},
                 "resolve": {"scale": {"x": "independent"}}}
                """);
        spec.set("data", Specs.rows(rows));
        ((ObjectNode) spec.get("facet")).set("sort", Specs.strings(panels));
        ObjectNode color = (ObjectNode) spec.get("spec").get("layer").get(0).get("encoding").get("color");
        RecommendationPage.groupColors(color, k, false);
        spec.set("title", Specs.title("Each score against the predicted accuracy",
                "one panel per score; τ: Kendall's tau between the score and the prediction over the backbones"));
        spec.set("config", Specs.config());
        p.chart("scores-chart", spec, "Where a backbone sits high in a panel but low in predicted accuracy (or the "
                + "reverse), the recommender disagrees with that raw score: it also weighs what it learned of the "
                + "architecture, the pre-training data and the other scores.", "svg");
        p.endSection();
    }
}
