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
 * overlap a point or another label ({@link #placeLabels}), and the backbones that could not be drawn.
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
    /** Estimated size of a label in CSS pixels at font size 11: width per character, height. */
    static final double CHAR_WIDTH = 6.4;
    static final double LABEL_HEIGHT = 13;
    static final double POINT_RADIUS = 6;

    /** The axes' ranges, set explicitly so that a label's place in pixels is known: x on a log scale. */
    record Axes(double x0, double x1, double y0, double y1) {
        double px(double x) {
            return WIDTH * (Math.log(x) - Math.log(x0)) / (Math.log(x1) - Math.log(x0));
        }

        double py(double y) {
            return HEIGHT * (y1 - y) / (y1 - y0);
        }

        double x(double px) {
            return Math.exp(Math.log(x0) + px / WIDTH * (Math.log(x1) - Math.log(x0)));
        }

        double y(double py) {
            return y1 - py / HEIGHT * (y1 - y0);
        }

        /** The range of {@code costs} (positive) and {@code accuracies}, each with a margin of 6 %. */
        static Axes of(double[] costs, double[] accuracies) {
            double lx0 = Math.log(java.util.Arrays.stream(costs).min().orElse(1));
            double lx1 = Math.log(java.util.Arrays.stream(costs).max().orElse(1));
            double mx = lx1 > lx0 ? 0.06 * (lx1 - lx0) : 0.5;
            double a0 = java.util.Arrays.stream(accuracies).min().orElse(0);
            double a1 = java.util.Arrays.stream(accuracies).max().orElse(1);
            double my = a1 > a0 ? 0.08 * (a1 - a0) : 0.02;
            double y0 = a0 - my;
            double y1 = a1 + my;
            return new Axes(Math.exp(lx0 - mx), Math.exp(lx1 + mx), a0 >= 0 ? Math.max(0, y0) : y0,
                    a1 <= 1 ? Math.min(1, y1) : y1);
        }
    }

    /**
     * Where each label goes, in data units (its centre), for the candidates in {@code order} (most important first):
     * the first of eight places around its point (right, left, above, below, then the corners) that stays inside the
     * plot and overlaps no point, no step of the Pareto front ({@code front}, drawn step-after) and no label placed
     * before it; a label with no such place is left out (the point's tooltip names it). Invariant: no two placed
     * labels' estimated boxes overlap.
     */
    static Map<String, double[]> placeLabels(List<Candidate> order, List<Candidate> drawn, Cost cost, Axes axes,
            Set<String> front) {
        List<double[]> taken = new ArrayList<>();
        for (Candidate c : drawn) {
            double px = axes.px(cost.of(c));
            double py = axes.py(c.predicted());
            taken.add(new double[] {px - POINT_RADIUS, py - POINT_RADIUS, px + POINT_RADIUS, py + POINT_RADIUS});
        }
        List<Candidate> steps = drawn.stream().filter(c -> front.contains(c.model()))
                .sorted(java.util.Comparator.comparingDouble(cost::of)).toList();
        for (int i = 0; i + 1 < steps.size(); i++) {
            double x0 = axes.px(cost.of(steps.get(i)));
            double x1 = axes.px(cost.of(steps.get(i + 1)));
            double y0 = axes.py(steps.get(i).predicted());
            double y1 = axes.py(steps.get(i + 1).predicted());
            taken.add(new double[] {Math.min(x0, x1), y0 - 1.5, Math.max(x0, x1), y0 + 1.5});
            taken.add(new double[] {x1 - 1.5, Math.min(y0, y1), x1 + 1.5, Math.max(y0, y1)});
        }
        Map<String, double[]> placed = new LinkedHashMap<>();
        double gap = POINT_RADIUS + 2;
        for (Candidate c : order) {
            double px = axes.px(cost.of(c));
            double py = axes.py(c.predicted());
            double w = CHAR_WIDTH * c.model().length();
            double h = LABEL_HEIGHT;
            double[][] centres = {
                {px + gap + w / 2, py}, {px - gap - w / 2, py}, {px, py - gap - h / 2}, {px, py + gap + h / 2},
                {px + gap / 1.4 + w / 2, py - gap / 1.4 - h / 2}, {px - gap / 1.4 - w / 2, py - gap / 1.4 - h / 2},
                {px + gap / 1.4 + w / 2, py + gap / 1.4 + h / 2}, {px - gap / 1.4 - w / 2, py + gap / 1.4 + h / 2}};
            for (double[] ctr : centres) {
                double[] box = {ctr[0] - w / 2, ctr[1] - h / 2, ctr[0] + w / 2, ctr[1] + h / 2};
                if (box[0] < 0 || box[2] > WIDTH || box[1] < 0 || box[3] > HEIGHT) {
                    continue;
                }
                if (taken.stream().noneMatch(b -> overlaps(b, box))) {
                    taken.add(box);
                    placed.put(c.model(), new double[] {axes.x(ctr[0]), axes.y(ctr[1])});
                    break;
                }
            }
        }
        return placed;
    }

    static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
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
        Axes axes = Axes.of(drawn.stream().mapToDouble(cost::of).toArray(),
                drawn.stream().mapToDouble(Candidate::predicted).toArray());
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
