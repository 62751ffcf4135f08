package dev.modelscout.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.RecommendationReport.Candidate;
import dev.modelscout.report.RecommendationReport.NaivePick;
import dev.modelscout.report.RecommendationReport.Run;
import dev.modelscout.report.RecommendationReport.Truth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code recommend --report} page: the ranking table, predicted accuracy against cost with the Pareto front,
 * every score against the predicted accuracy, predicted against true accuracy (when known) and the provenance.
 */
final class RecommendationPage {

    /** Above this many backbones only the top-k and the Pareto front are labelled in the charts. */
    static final int LABEL_ALL_UP_TO = 25;

    static final String TOP_GROUP = "recommended (top %d)";
    static final String OTHER_GROUP = "other backbones";
    static final String FRONT = "Pareto front";

    private RecommendationPage() {
    }

    static String render(RecommendationReport r) {
        List<Candidate> c = r.candidates();
        int k = Math.min(r.top(), c.size());
        Page p = new Page("modelscout: backbones for " + r.dataset());
        List<String> recommended = c.stream().limit(k).map(Candidate::model).toList();
        String subtitle = c.size() + " backbone" + (c.size() == 1 ? "" : "s") + " of " + fileName(r.run().zoo().file())
                + " ranked by predicted fine-tuned accuracy on " + r.dataset() + "; recommended: "
                + (recommended.isEmpty() ? "none" : String.join(", ", recommended));
        p.raw("<nav class=\"toc\"><a href=\"#ranking\">Ranking</a><a href=\"#cost\">Accuracy and cost</a>"
                + (r.scores().isEmpty() ? "" : "<a href=\"#scores\">Scores</a>")
                + (r.truth() == null ? "" : "<a href=\"#truth\">Predicted and true</a>")
                + "<a href=\"#provenance\">Provenance</a></nav>\n");
        summary(p, r, k);
        ranking(p, r, k);
        cost(p, r, k);
        scores(p, r, k);
        if (r.truth() != null) {
            truth(p, r, k);
        }
        provenance(p, r);
        return p.html(subtitle, footer(r.run().version(), r.run().createdAt()));
    }

    static String footer(String version, String createdAt) {
        return "Written by modelscout " + version + " on " + createdAt + ". Charts drawn in this page by "
                + VegaRuntime.versions() + " (BSD-3-Clause; their code and licences are inlined). "
                + "This file is self-contained: it loads nothing from the network or the disk.";
    }

    private static void summary(Page p, RecommendationReport r, int k) {
        if (r.candidates().isEmpty()) {
            p.raw("<p class=\"callout\">No backbone was ranked.</p>\n");
            return;
        }
        Candidate best = r.candidates().get(0);
        StringBuilder s = new StringBuilder("<p class=\"callout\">Fine-tune first: <strong>")
                .append(Html.esc(best.model())).append("</strong> (predicted accuracy <strong>")
                .append(Html.fixed(best.predicted(), 4)).append("</strong>")
                .append(Double.isFinite(best.gmacs()) ? ", " + Html.significant(best.gmacs(), 3) + " GMACs" : "")
                .append(")");
        if (k > 1) {
            s.append(", then ").append(Html.esc(String.join(", ",
                    r.candidates().subList(1, k).stream().map(Candidate::model).toList())));
        }
        s.append('.');
        Truth t = r.truth();
        if (t != null && t.matched() > 0) {
            s.append(" Against the true accuracies of ").append(t.matched()).append(" backbones: top-1 regret <strong>")
                    .append(Html.fixed(t.regret(), 4)).append("</strong>, Kendall τ <strong>")
                    .append(Html.fixed(t.kendall(), 3)).append("</strong>.");
        }
        p.raw(s.append("</p>\n").toString());
    }

    private static void ranking(Page p, RecommendationReport r, int k) {
        p.section("ranking", "Ranking");
        boolean truth = r.truth() != null;
        StringBuilder t = new StringBuilder("<div class=\"table-wrap\"><table class=\"sortable\" id=\"ranking-table\">\n<thead><tr>");
        header(t, "rank", "rank", true);
        header(t, "model", "model", false);
        header(t, "family", "family", false);
        header(t, "pretrain", "pretrain data", false);
        header(t, "predicted", "predicted accuracy", true);
        if (truth) {
            header(t, "truth", "true accuracy", true);
        }
        for (String s : r.scores()) {
            header(t, "score_" + s, Names.score(s), true);
        }
        header(t, "gmacs", "GMACs", true);
        header(t, "params_m", "params (M)", true);
        t.append("</tr></thead>\n<tbody>\n");
        for (Candidate c : r.candidates()) {
            t.append(c.rank() <= k ? "<tr class=\"top\">" : "<tr>");
            number(t, c.rank(), Integer.toString(c.rank()));
            t.append("<td>").append(Html.esc(c.model())).append("</td>");
            t.append("<td>").append(Html.esc(dash(c.family()))).append("</td>");
            t.append("<td>").append(Html.esc(dash(c.pretrain()))).append("</td>");
            number(t, c.predicted(), Html.fixed(c.predicted(), 4));
            if (truth) {
                number(t, c.trueAccuracy(), Html.fixed(c.trueAccuracy(), 4));
            }
            for (String s : r.scores()) {
                number(t, c.score(s), Html.significant(c.score(s), 4));
            }
            number(t, c.gmacs(), Html.significant(c.gmacs(), 3));
            number(t, c.paramsM(), Html.significant(c.paramsM(), 3));
            t.append("</tr>\n");
        }
        t.append("</tbody></table></div>\n");
        p.raw(t.toString());
        p.note("Highlighted: the top " + k + " (--top). Click a column header to sort by it; "
                + "the address #sort=gmacs (or #sort=-predicted, high to low) opens the page sorted.");
        p.endSection();
    }

    private static void header(StringBuilder t, String key, String label, boolean numeric) {
        t.append("<th data-key=\"").append(Html.esc(key)).append('"')
                .append(numeric ? " data-type=\"number\" class=\"num\"" : "").append('>').append(Html.esc(label)).append("</th>");
    }

    private static void number(StringBuilder t, double v, String shown) {
        t.append("<td class=\"num\" data-value=\"").append(Html.sortKey(v)).append("\">").append(Html.esc(shown)).append("</td>");
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

    private static String group(Candidate c, int k) {
        return c.rank() <= k ? String.format(TOP_GROUP, k) : OTHER_GROUP;
    }

    private static boolean labelled(Candidate c, int k, int n, Set<String> front) {
        return n <= LABEL_ALL_UP_TO || c.rank() <= k || front.contains(c.model());
    }

    private static void cost(Page p, RecommendationReport r, int k) {
        p.section("cost", "Predicted accuracy against cost");
        Cost cost = costOf(r.candidates());
        if (cost == null) {
            p.paragraph("No backbone has GMACs or a parameter count in the zoo, so there is no cost to plot "
                    + "(zoo add measures both).");
            p.endSection();
            return;
        }
        Set<String> front = paretoFront(r.candidates(), cost);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Candidate c : r.candidates()) {
            double x = cost.of(c);
            if (!(x > 0) || !Double.isFinite(x) || !Double.isFinite(c.predicted())) {
                missing.add(c.model());
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", c.model());
            m.put("rank", c.rank());
            m.put("predicted", c.predicted());
            m.put("cost", x);
            m.put("gmacs", c.gmacs());
            m.put("params_m", c.paramsM());
            m.put("family", dash(c.family()));
            m.put("pretrain", dash(c.pretrain()));
            m.put("group", group(c, k));
            m.put("pareto", front.contains(c.model()));
            m.put("label", labelled(c, k, r.candidates().size(), front));
            rows.add(m);
        }
        ObjectNode spec = Specs.parse("""
                {"width": 640, "height": 380,
                 "encoding": {
                   "x": {"field": "cost", "type": "quantitative", "scale": {"type": "log", "nice": false, "padding": 18},
                         "axis": {"format": "~g"}},
                   "y": {"field": "predicted", "type": "quantitative", "scale": {"zero": false, "padding": 14},
                         "title": "predicted fine-tuned accuracy"}},
                 "layer": [
                   {"name": "front", "transform": [{"filter": "datum.pareto"}],
                    "mark": {"type": "line", "interpolate": "step-after", "strokeDash": [5, 3], "strokeWidth": 1.5},
                    "encoding": {"order": {"field": "cost"}, "color": {"datum": "Pareto front"}}},
                   {"name": "backbones",
                    "mark": {"type": "point", "filled": true, "size": 80, "opacity": 0.9},
                    "encoding": {
                      "color": {"field": "group", "type": "nominal", "title": null, "legend": {"orient": "bottom-right"}},
                      "shape": {"field": "pareto", "type": "nominal", "title": "on the Pareto front",
                                "scale": {"domain": [true, false], "range": ["diamond", "circle"]},
                                "legend": {"orient": "bottom-right", "labelExpr": "datum.label == 'true' ? 'yes' : 'no'"}},
                      "tooltip": [
                        {"field": "model"}, {"field": "rank"},
                        {"field": "predicted", "title": "predicted accuracy", "format": ".4f"},
                        {"field": "gmacs", "title": "GMACs", "format": ".3~g"},
                        {"field": "params_m", "title": "params (M)", "format": ".3~g"},
                        {"field": "family"}, {"field": "pretrain", "title": "pretrain data"}]}},
                   {"name": "labels", "transform": [{"filter": "datum.label"}],
                    "mark": {"type": "text", "align": "left", "baseline": "bottom", "dx": 6, "dy": -4, "fontSize": 11},
                    "encoding": {"text": {"field": "model"}}}
                 ]}
                """);
        spec.set("data", Specs.rows(rows));
        ((ObjectNode) spec.get("encoding").get("x")).put("title", cost.title());
        ObjectNode color = (ObjectNode) spec.get("layer").get(1).get("encoding").get("color");
        color.putObject("scale").<ObjectNode>set("domain", Specs.strings(List.of(String.format(TOP_GROUP, k), OTHER_GROUP, FRONT)))
                .set("range", Specs.strings(List.of("#1f6feb", "#8c959f", "#cf222e")));
        spec.set("title", Specs.title("Predicted accuracy against cost",
                "one point per backbone; dashed: the Pareto front (nothing cheaper is predicted better)"));
        spec.set("config", Specs.config());
        p.chart("cost-chart", spec, "Each backbone's predicted fine-tuned accuracy against its cost (" + cost.unit()
                + ", log scale). On the Pareto front: " + String.join(", ", front) + "."
                + (r.candidates().size() > LABEL_ALL_UP_TO ? " Only the top-k and the front are labelled; hover a point for the rest." : ""),
                "svg");
        if (!missing.isEmpty()) {
            p.note("Not drawn (no " + cost.unit() + " or no prediction): " + String.join(", ", missing) + ".");
        }
        p.endSection();
    }

    private static void scores(Page p, RecommendationReport r, int k) {
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
        color.putObject("scale").<ObjectNode>set("domain", Specs.strings(List.of(String.format(TOP_GROUP, k), OTHER_GROUP)))
                .set("range", Specs.strings(List.of("#1f6feb", "#8c959f")));
        spec.set("title", Specs.title("Each score against the predicted accuracy",
                "one panel per score; τ: Kendall's tau between the score and the prediction over the backbones"));
        spec.set("config", Specs.config());
        p.chart("scores-chart", spec, "Where a backbone sits high in a panel but low in predicted accuracy (or the "
                + "reverse), the recommender disagrees with that raw score: it also weighs what it learned of the "
                + "architecture, the pre-training data and the other scores.", "svg");
        p.endSection();
    }

    private static void truth(Page p, RecommendationReport r, int k) {
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
        color.putObject("scale").<ObjectNode>set("domain", Specs.strings(List.of(String.format(TOP_GROUP, k), OTHER_GROUP)))
                .set("range", Specs.strings(List.of("#1f6feb", "#8c959f")));
        spec.set("title", Specs.title("Predicted against true fine-tuned accuracy",
                "top-1 regret " + Html.fixed(t.regret(), 4) + " · Kendall τ " + Html.fixed(t.kendall(), 3)
                        + " · Spearman ρ " + Html.fixed(t.spearman(), 3) + " · dashed: predicted = true"));
        spec.set("config", Specs.config());
        p.chart("truth-chart", spec, "Each backbone with a true accuracy; the outlined markers are what the naive "
                + "rules pick (table above).", "svg");
        p.endSection();
    }

    private static void provenance(Page p, RecommendationReport r) {
        Run run = r.run();
        p.section("provenance", "Provenance");
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"dataset id", r.dataset()});
        RecommendationReport.Images im = run.images();
        f.add(new String[] {"images", im.source()});
        f.add(new String[] {"counts", im.images() + " images in " + im.classes() + " classes; features of " + im.used()
                + " images" + (im.perClass() > 0 ? " (at most " + im.perClass() + " per class)" : " (all)")});
        f.add(new String[] {"skipped", im.skipped().isEmpty() ? "none" : String.join("\n", im.skipped())});
        f.add(new String[] {"zoo", run.zoo().file() + " (" + run.zoo().backbones() + " backbones ranked)"});
        f.add(new String[] {"zoo SHA-256", run.zoo().sha256()});
        RecommendationReport.RecommenderInfo rec = run.recommender();
        f.add(new String[] {"recommender", rec.kind() + ", " + rec.origin() + (rec.seed() != 0 ? ", seed " + rec.seed() : "")});
        if (!rec.settings().isEmpty()) {
            List<String> s = new ArrayList<>();
            rec.settings().forEach((a, b) -> s.add(a + "=" + b));
            f.add(new String[] {"settings", String.join(", ", s)});
        }
        f.add(new String[] {"features", String.join(", ", rec.features())});
        f.add(new String[] {"training history", rec.historySource() + " (" + rec.historyRows() + " jobs)"});
        f.add(new String[] {"history SHA-256", rec.historySha256()});
        f.add(new String[] {"device", run.device()});
        List<String> times = new ArrayList<>();
        for (RecommendationReport.Timing t : run.timings()) {
            times.add(t.step() + ": " + Html.seconds(t.seconds()));
        }
        f.add(new String[] {"timings", String.join("\n", times)});
        f.add(new String[] {"written", run.createdAt() + " by modelscout " + run.version()});
        p.facts(f);
        if (!run.notes().isEmpty()) {
            p.raw("<h3>What the run reported</h3>\n<ul class=\"note\">\n");
            for (String n : run.notes()) {
                p.raw("<li>" + Html.esc(n) + "</li>\n");
            }
            p.raw("</ul>\n");
        }
        p.endSection();
    }

    static String dash(String s) {
        return s == null || s.isEmpty() ? Html.UNKNOWN : s;
    }

    static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i < 0 ? path : path.substring(i + 1);
    }
}
