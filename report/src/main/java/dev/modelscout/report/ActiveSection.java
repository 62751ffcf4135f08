package dev.modelscout.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The section of the {@code evaluate --protocol active} page: every order's mean regret against the fine-tunes it
 * made, and, with learning curves, against the backbone-epochs it spent (one epoch of one backbone), where the
 * multi-fidelity orders (one epoch then the best k, successive halving) stand beside the full ones.
 */
final class ActiveSection {

    static final String GUIDED = "guided";

    private ActiveSection() {
    }

    static void write(Page p, ActiveReport a) {
        p.section("active", "The guided loop replayed");
        p.paragraph("Each held-out dataset in turn is the target; its known accuracies stand in for the fine-tunes. "
                + "Regret: the dataset's best accuracy minus the best found so far, mean over the held-out datasets "
                + "(lower is better; hover a point for the spread). The regret axis is logarithmic above 0.005, so "
                + "that the small regrets that matter stay apart.");
        p.chart("active-chart", spec(a.byFineTunes(), "fine-tunes", "Regret against fine-tunes",
                "the guided loop beside the static orders on the same folds", "active_points"),
                "The guided loop (thick) against every static order: after k fine-tunes, how far the best found is "
                + "from the truly best.", "svg");
        if (!a.byBudget().isEmpty()) {
            p.chart("fidelity-chart", spec(a.byBudget(), "backbone-epochs (one epoch of one backbone)",
                    "Regret against backbone-epochs",
                    "a full fine-tune costs " + a.epochs() + "; dashed: multi-fidelity orders", "fidelity_points"),
                    "Replayed on the learning curves of " + a.curves() + ", each seed's runs apart: a backbone counts "
                    + "once fine-tuned for every epoch; the pick is the one of best final validation accuracy, its "
                    + "regret against the history's accuracy. Multi-fidelity orders have no point before their first "
                    + "backbone is fully fine-tuned.", "svg");
        }
        p.endSection();
    }

    private static ObjectNode spec(List<ActiveReport.Point> points, String xTitle, String title, String subtitle,
                                   String name) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (ActiveReport.Point pt : points) {
            if (!Double.isFinite(pt.regret())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("order", pt.order());
            m.put("kind", pt.kind());
            m.put("x", pt.x());
            m.put("regret", pt.regret());
            m.put("spread", Double.isFinite(pt.spread()) ? pt.spread() : null);
            m.put("line", pt.order().equals(GUIDED) ? "guided loop" : "other");
            rows.add(m);
            if (!orders.contains(pt.order())) {
                orders.add(pt.order());
            }
        }
        ObjectNode spec = Specs.parse("""
                {"width": 560, "height": 320,
                 "encoding": {
                   "x": {"field": "x", "type": "quantitative", "axis": {"format": "d", "tickMinStep": 1}},
                   "y": {"field": "regret", "type": "quantitative", "title": "mean regret (symmetric log scale)",
                         "scale": {"type": "symlog", "constant": 0.005},
                         "axis": {"values": [0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1], "format": ".3~f"}},
                   "color": {"field": "order", "type": "nominal", "title": "order",
                             "scale": {"scheme": "category20"}, "legend": {"orient": "right", "labelLimit": 200}},
                   "strokeDash": {"field": "kind", "type": "nominal", "title": "kind",
                                  "scale": {"domain": ["full", "multi_fidelity"], "range": [[1, 0], [5, 3]]}},
                   "strokeWidth": {"field": "line", "type": "nominal", "legend": null,
                                   "scale": {"domain": ["guided loop", "other"], "range": [3.5, 1.3]}}},
                 "layer": [
                   {"mark": {"type": "line"}},
                   {"mark": {"type": "point", "filled": true, "size": 30},
                    "encoding": {"tooltip": [{"field": "order"}, {"field": "kind"}, {"field": "x", "title": "at"},
                                             {"field": "regret", "format": ".4f"},
                                             {"field": "spread", "title": "± (sd)", "format": ".4f"}]}}
                 ]}
                """);
        ((ObjectNode) spec.get("layer").get(1)).put("name", name);
        ((ObjectNode) spec.get("encoding").get("x")).put("title", xTitle);
        ((ObjectNode) spec.get("encoding").get("color")).set("sort", Specs.strings(orders));
        spec.set("data", Specs.rows(rows));
        spec.set("title", Specs.title(title, subtitle));
        spec.set("config", Specs.config());
        return spec;
    }
}
