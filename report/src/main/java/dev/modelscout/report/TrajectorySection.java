package dev.modelscout.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.SelectionReport.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trajectory section of the {@code select --report} page (the recommend report of the loop's initial ranking,
 * {@link RecommendationPage}, with this section first): the best accuracy found against the number of
 * fine-tunes, each fine-tune's predicted 90% interval beside what it measured, and the table of rounds.
 */
final class TrajectorySection {

    private TrajectorySection() {
    }

    static void write(Page p, SelectionReport r) {
        p.section("trajectory", "The guided loop: best found against fine-tunes");
        p.raw("<p class=\"callout\">" + (r.best() == null ? "No fine-tune yet." : "Best backbone found: <strong>"
                + Html.esc(r.best()) + "</strong> after " + r.steps().size() + " fine-tune"
                + (r.steps().size() == 1 ? "" : "s") + ".") + " " + Html.esc(r.stopped()) + "</p>\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (Step s : r.steps()) {
            n++;
            best = Double.isFinite(s.measured()) ? Math.max(best, s.measured()) : best;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("finetune", n);
            m.put("round", s.round());
            m.put("model", s.model());
            m.put("predicted", s.predicted());
            m.put("low", s.low());
            m.put("high", s.high());
            m.put("measured", s.measured());
            m.put("best", Double.isFinite(best) ? best : null);
            m.put("inside", s.measured() >= s.low() && s.measured() <= s.high());
            rows.add(m);
        }
        ObjectNode spec = Specs.parse("""
                {"width": 640, "height": 340,
                 "encoding": {"x": {"field": "finetune", "type": "quantitative", "title": "fine-tunes",
                                    "axis": {"tickMinStep": 1, "format": "d"}, "scale": {"padding": 24}}},
                 "layer": [
                   {"name": "intervals", "mark": {"type": "rule", "strokeWidth": 2, "opacity": 0.5},
                    "encoding": {"y": {"field": "low", "type": "quantitative", "title": "accuracy",
                                       "scale": {"domain": [0, 1]}},
                                 "y2": {"field": "high"}, "color": {"datum": "predicted 90% interval"}}},
                   {"mark": {"type": "tick", "thickness": 2},
                    "encoding": {"y": {"field": "predicted", "type": "quantitative"},
                                 "color": {"datum": "predicted 90% interval"}}},
                   {"name": "measured", "mark": {"type": "point", "filled": true, "size": 80},
                    "encoding": {"y": {"field": "measured", "type": "quantitative"}, "color": {"datum": "measured"},
                                 "tooltip": [{"field": "model"}, {"field": "round"},
                                             {"field": "measured", "format": ".4f"},
                                             {"field": "predicted", "format": ".4f"},
                                             {"field": "low", "format": ".3f"}, {"field": "high", "format": ".3f"}]}},
                   {"mark": {"type": "line", "interpolate": "step-after"},
                    "encoding": {"y": {"field": "best", "type": "quantitative"}, "color": {"datum": "best found"}}}
                 ]}
                """);
        spec.set("data", Specs.rows(rows));
        spec.set("title", Specs.title("Best found against fine-tunes",
                "each fine-tune's measured accuracy beside the interval the loop predicted when it chose it"));
        spec.set("config", Specs.config());
        p.chart("trajectory-chart", spec, "The guided loop on " + r.dataset() + ": " + r.steps().size()
                + " fine-tune(s). " + r.stopped(), "svg");
        StringBuilder t = new StringBuilder("<div class=\"table-wrap\"><table>\n<thead><tr><th>fine-tune</th><th>round</th>"
                + "<th>model</th><th class=\"num\">predicted</th><th class=\"num\">90% interval</th>"
                + "<th class=\"num\">measured</th><th class=\"num\">best so far</th></tr></thead>\n<tbody>\n");
        for (Map<String, Object> m : rows) {
            t.append("<tr><td>").append(m.get("finetune")).append("</td><td>").append(m.get("round")).append("</td><td>")
                    .append(Html.esc((String) m.get("model"))).append("</td><td class=\"num\">")
                    .append(Html.fixed((double) m.get("predicted"), 3)).append("</td><td class=\"num\">")
                    .append(Html.fixed((double) m.get("low"), 3)).append(" - ").append(Html.fixed((double) m.get("high"), 3))
                    .append("</td><td class=\"num\">").append(Html.fixed((double) m.get("measured"), 4))
                    .append("</td><td class=\"num\">")
                    .append(m.get("best") == null ? "-" : Html.fixed((double) m.get("best"), 4)).append("</td></tr>\n");
        }
        t.append("</tbody></table></div>\n");
        p.raw(t.toString());
        long inside = rows.stream().filter(m -> (boolean) m.get("inside")).count();
        p.note(inside + " of " + rows.size() + " measured accuracies inside the interval predicted for them.");
        p.endSection();
    }
}
