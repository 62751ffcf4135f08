package dev.modelscout.report;

import static dev.modelscout.report.RecommendationPage.LABEL_ALL_UP_TO;
import static dev.modelscout.report.RecommendationPage.dash;
import static dev.modelscout.report.RecommendationPage.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.RecommendationReport.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The recommendation page's cost section: predicted accuracy against cost (GMACs or parameters, log scale)
 * with the Pareto front drawn as a dashed staircase, the legends beside the plot, labels placed where they do not
 * overlap a point, the front or another label ({@link Labels}), and the backbones that could not be drawn.
 */
final class CostChart {

    private CostChart() {
    }

    /**
     * The cost axis: GMACs when at least half the backbones have them; else parameters when more backbones have a
     * parameter count (the zoo measures GMACs of DJL-built architectures only); null when none has either.
     */
    record Cost(String field, String title, String unit) {
        double of(Candidate c) {
            return field.equals("gmacs") ? c.gmacs() : c.paramsM();
        }
    }

    static Cost costOf(List<Candidate> cs) {
        long gmacs = cs.stream().filter(c -> c.gmacs() > 0 && Double.isFinite(c.gmacs())).count();
        long params = cs.stream().filter(c -> c.paramsM() > 0 && Double.isFinite(c.paramsM())).count();
        if (gmacs > 0 && (2 * gmacs >= cs.size() || gmacs >= params)) {
            return new Cost("gmacs", "GMACs per image (log scale)", "GMACs");
        }
        if (params > 0) {
            return new Cost("params_m", "parameters, millions (log scale; " + (gmacs == 0 ? "no backbone has GMACs"
                    : "only " + gmacs + " of " + cs.size() + " backbones have GMACs") + ")", "M params");
        }
        return null;
    }

    /**
     * The models on the accuracy/cost Pareto front: no other backbone costs as little or less and is predicted at
     * least as accurate, and better in one of the two. Only backbones with a positive cost and a prediction count.
     */
    static Set<String> paretoFront(List<Candidate> cs, Cost cost) {
        List<Candidate> drawn = cs.stream().filter(c -> cost.of(c) > 0 && Double.isFinite(cost.of(c))
                && Double.isFinite(c.predicted())).toList();
        Set<String> front = new TreeSet<>();
        for (Candidate a : drawn) {
            boolean dominated = false;
            for (Candidate b : drawn) {
                if (b != a && cost.of(b) <= cost.of(a) && b.predicted() >= a.predicted()
                        && (cost.of(b) < cost.of(a) || b.predicted() > a.predicted())) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(a.model());
            }
        }
        return front;
    }

    private static boolean labelled(Candidate c, int k, int n, Set<String> front) {
        return n <= LABEL_ALL_UP_TO || c.rank() <= k || front.contains(c.model());
    }

    static final int WIDTH = 600;
    static final int HEIGHT = 380;

    /** The chart's axes: log cost over the drawn backbones' costs, their predicted accuracies. */
    static Labels.Axes axes(List<Candidate> drawn, Cost cost) {
        return Labels.Axes.logCost(drawn.stream().mapToDouble(cost::of).toArray(),
                drawn.stream().mapToDouble(Candidate::predicted).toArray(), WIDTH, HEIGHT);
    }

    /**
     * Where each label of {@code order} goes ({@link Labels#place}): clear of every drawn point and of the Pareto
     * front's steps ({@code front}, drawn step-after in order of cost).
     */
    static Map<String, double[]> placeLabels(List<Candidate> order, List<Candidate> drawn, Cost cost, Labels.Axes axes,
            Set<String> front) {
        List<double[]> steps = new ArrayList<>();
        List<Candidate> f = drawn.stream().filter(c -> front.contains(c.model()))
                .sorted(java.util.Comparator.comparingDouble(cost::of)).toList();
        for (int i = 0; i + 1 < f.size(); i++) {
            double x0 = axes.px(cost.of(f.get(i)));
            double x1 = axes.px(cost.of(f.get(i + 1)));
            double y0 = axes.py(f.get(i).predicted());
            double y1 = axes.py(f.get(i + 1).predicted());
            steps.add(Labels.segment(x0, y0, x1, y0));
            steps.add(Labels.segment(x1, y0, x1, y1));
        }
        return Labels.place(order.stream().map(c -> new Labels.Point(c.model(), cost.of(c), c.predicted())).toList(),
                drawn.stream().map(c -> new Labels.Point(c.model(), cost.of(c), c.predicted())).toList(), axes, steps);
    }

    static void write(Page p, RecommendationReport r, int k) {
        p.section("cost", "Predicted accuracy against cost");
        Cost cost = costOf(r.candidates());
        if (cost == null) {
            p.paragraph("No backbone has GMACs or a parameter count in the zoo, so there is no cost to plot "
                    + "(zoo add measures both).");
            p.endSection();
            return;
        }
        Set<String> front = paretoFront(r.candidates(), cost);
        List<Candidate> drawn = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Candidate c : r.candidates()) {
            double x = cost.of(c);
            if (!(x > 0) || !Double.isFinite(x) || !Double.isFinite(c.predicted())) {
                missing.add(c.model());
            } else {
                drawn.add(c);
            }
        }
        Labels.Axes axes = axes(drawn, cost);
        // labels: the top k first, then the front, then the rest by rank
        List<Candidate> order = new ArrayList<>(drawn.stream()
                .filter(c -> labelled(c, k, r.candidates().size(), front)).toList());
        order.sort(java.util.Comparator.comparingInt((Candidate c) -> c.rank() <= k ? 0 : front.contains(c.model()) ? 1 : 2)
                .thenComparingInt(Candidate::rank));
        Map<String, double[]> labels = placeLabels(order, drawn, cost, axes, front);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Candidate c : drawn) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", c.model());
            m.put("rank", c.rank());
            m.put("predicted", c.predicted());
            m.put("cost", cost.of(c));
            m.put("gmacs", c.gmacs());
            m.put("params_m", c.paramsM());
            m.put("family", dash(c.family()));
            m.put("pretrain", dash(c.pretrain()));
            m.put("group", group(c, k));
            m.put("pareto", front.contains(c.model()));
            double[] at = labels.get(c.model());
            m.put("label", at != null);
            m.put("label_x", at == null ? Double.NaN : at[0]);
            m.put("label_y", at == null ? Double.NaN : at[1]);
            rows.add(m);
        }
        ObjectNode spec = Specs.parse("""
                {"width": 600, "height": 380,
                 "encoding": {
                   "x": {"field": "cost", "type": "quantitative", "scale": {"type": "log", "nice": false},
                         "axis": {"format": "~g"}},
                   "y": {"field": "predicted", "type": "quantitative", "scale": {"zero": false, "nice": false},
                         "title": "predicted fine-tuned accuracy"}},
                 "layer": [
                   {"name": "front", "transform": [{"filter": "datum.pareto"}],
                    "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 1.5, "color": "#cf222e"},
                    "encoding": {"order": {"field": "cost"},
                                 "strokeDash": {"datum": "Pareto front", "type": "nominal", "title": null,
                                                "scale": {"range": [[5, 3]]},
                                                "legend": {"orient": "right", "symbolStrokeColor": "#cf222e",
                                                           "symbolStrokeWidth": 1.5}}}},
                   {"name": "backbones",
                    "mark": {"type": "point", "filled": true, "size": 80, "opacity": 0.9},
                    "encoding": {
                      "color": {"field": "group", "type": "nominal", "title": null, "legend": {"orient": "right"}},
                      "shape": {"field": "pareto", "type": "nominal", "title": "on the Pareto front",
                                "scale": {"domain": [true, false], "range": ["diamond", "circle"]},
                                "legend": {"orient": "right", "labelExpr": "datum.label == 'true' ? 'yes' : 'no'"}},
                      "tooltip": [
                        {"field": "model"}, {"field": "rank"},
                        {"field": "predicted", "title": "predicted accuracy", "format": ".4f"},
                        {"field": "gmacs", "title": "GMACs", "format": ".3~g"},
                        {"field": "params_m", "title": "params (M)", "format": ".3~g"},
                        {"field": "family"}, {"field": "pretrain", "title": "pretrain data"}]}},
                   {"name": "labels", "transform": [{"filter": "datum.label"}],
                    "mark": {"type": "text", "align": "center", "baseline": "middle", "fontSize": 11},
                    "encoding": {"x": {"field": "label_x", "type": "quantitative"},
                                 "y": {"field": "label_y", "type": "quantitative"},
                                 "text": {"field": "model"}}}
                 ]}
                """);
        spec.put("width", WIDTH).put("height", HEIGHT);
        spec.set("data", Specs.rows(rows));
        ObjectNode x = (ObjectNode) spec.get("encoding").get("x");
        x.put("title", cost.title());
        ((ObjectNode) x.get("scale")).set("domain", Specs.numbers(axes.x0(), axes.x1()));
        ((ObjectNode) spec.get("encoding").get("y").get("scale")).set("domain", Specs.numbers(axes.y0(), axes.y1()));
        ObjectNode color = (ObjectNode) spec.get("layer").get(1).get("encoding").get("color");
        RecommendationPage.groupColors(color, k);
        spec.set("title", Specs.title("Predicted accuracy against cost",
                "one point per backbone; dashed: the Pareto front (nothing cheaper is predicted better)"));
        spec.set("config", Specs.config());
        int unlabelled = order.size() - labels.size();
        p.chart("cost-chart", spec, "Each backbone's predicted fine-tuned accuracy against its cost (" + cost.unit()
                + ", log scale). On the Pareto front: " + String.join(", ", front) + "."
                + (r.candidates().size() > LABEL_ALL_UP_TO ? " Only the top-k and the front are labelled; hover a point for the rest." : "")
                + (unlabelled > 0 ? " " + unlabelled + " label" + (unlabelled == 1 ? " was" : "s were") + " left out where "
                + "they would overlap; hover a point for its name." : ""),
                "svg");
        if (!missing.isEmpty()) {
            p.note("Not drawn (no " + cost.unit() + " or no prediction): " + String.join(", ", missing) + ".");
        }
        p.endSection();
    }
}
