package dev.modelscout.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.RecommendationReport.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The recommendation page's scores section: how each score on its own ranks the backbones, as a heat map of ranks
 * (rows in the recommender's order, one column per score, then the recommender's and, with {@code --truth}, the true
 * ranking). Absent when no score was asked.
 *
 * <p>It does not plot a score against the predicted accuracy: the prediction is computed from those scores, so such
 * a chart shows the recommender agreeing with its own inputs and says nothing of who is right. Held against the
 * truth, the scores are in {@link TruthSection}.
 */
final class ScoresChart {

    static final String RECOMMENDER = "recommender";
    static final String TRUTH = "true accuracy";

    private ScoresChart() {
    }

    /**
     * Rank of each candidate by {@code value}, highest first (1 = highest); ties share the best rank of the tie; NaN
     * where the value is unknown. Ranks are among the candidates with a value.
     */
    static double[] ranks(List<Candidate> cs, ToDoubleFunction<Candidate> value) {
        double[] r = new double[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            double v = value.applyAsDouble(cs.get(i));
            if (!Double.isFinite(v)) {
                r[i] = Double.NaN;
                continue;
            }
            int above = 0;
            for (Candidate c : cs) {
                double w = value.applyAsDouble(c);
                if (Double.isFinite(w) && w > v) {
                    above++;
                }
            }
            r[i] = above + 1;
        }
        return r;
    }

    static void write(Page p, RecommendationReport r) {
        if (r.scores().isEmpty()) {
            return;
        }
        p.section("scores", "How each score ranks the backbones");
        List<Candidate> cs = r.candidates();
        Map<String, ToDoubleFunction<Candidate>> columns = new LinkedHashMap<>();
        for (String s : r.scores()) {
            columns.put(Names.score(s), c -> c.score(s));
        }
        columns.put(RECOMMENDER, c -> -c.rank());
        boolean truth = r.truth() != null && cs.stream().anyMatch(c -> Double.isFinite(c.trueAccuracy()));
        if (truth) {
            columns.put(TRUTH, Candidate::trueAccuracy);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        columns.forEach((name, value) -> {
            double[] rank = ranks(cs, value);
            for (int i = 0; i < cs.size(); i++) {
                if (Double.isNaN(rank[i])) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("column", name);
                m.put("model", cs.get(i).model());
                m.put("rank", (int) rank[i]);
                double v = value.applyAsDouble(cs.get(i));
                m.put("value", name.equals(RECOMMENDER) ? cs.get(i).predicted() : v);
                rows.add(m);
            }
        });
        ObjectNode spec = Specs.parse("""
                {"height": {"step": 20}, "width": {"step": 62},
                 "encoding": {
                   "x": {"field": "column", "type": "nominal", "title": null,
                         "axis": {"orient": "top", "labelAngle": -30, "labelLimit": 140}},
                   "y": {"field": "model", "type": "nominal", "title": "backbones in the recommender's order",
                         "axis": {"labelLimit": 200}}},
                 "layer": [
                   {"name": "rank_cells", "mark": {"type": "rect", "stroke": "#fff"},
                    "encoding": {
                      "color": {"field": "rank", "type": "quantitative", "title": "rank (1 = highest)",
                                "scale": {"scheme": "blues", "reverse": true}, "legend": {"orient": "right"}},
                      "tooltip": [{"field": "model"}, {"field": "column", "title": "ranked by"}, {"field": "rank"},
                                  {"field": "value", "format": ".4~g"}]}},
                   {"name": "rank_text", "mark": {"type": "text", "fontSize": 10},
                    "encoding": {"text": {"field": "rank"},
                                 "color": {"condition": {"test": "datum.rank <= 3", "value": "#fff"}, "value": "#24292f"}}}
                 ]}
                """);
        spec.set("data", Specs.rows(rows));
        ObjectNode enc = (ObjectNode) spec.get("encoding");
        ((ObjectNode) enc.get("x")).set("sort", Specs.strings(new ArrayList<>(columns.keySet())));
        ((ObjectNode) enc.get("y")).set("sort", Specs.strings(cs.stream().map(Candidate::model).toList()));
        int n = cs.size();
        ((ObjectNode) spec.get("layer").get(1).get("encoding").get("color").get("condition"))
                .put("test", "datum.rank <= " + Math.max(1, n / 3));
        spec.set("title", Specs.title("How each score ranks the backbones on its own",
                truth ? "1 = highest; last column: the true ranking" : "1 = highest; a description, not a test (see below)"));
        spec.set("config", Specs.config());
        p.chart("scores-chart", spec, "Each column ranks the backbones by one score alone (1 = highest value), then "
                + "by the recommender's prediction" + (truth ? " and by the true accuracy" : "") + ". Where columns "
                + "differ, the scores disagree about the backbones. "
                + (truth ? "How close each column comes to the true ranking is measured in the next section."
                : "This describes the scores; it does not say which is right. The prediction is built from these "
                + "scores, so agreeing with it proves nothing: pass --truth with fine-tuned accuracies to hold each "
                + "score and the recommender against them."), "svg");
        p.endSection();
    }
}
