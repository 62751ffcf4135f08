package dev.modelscout.report;

import static dev.modelscout.report.RecommendationPage.dash;

import dev.modelscout.report.RecommendationReport.Candidate;

/**
 * The recommendation page's ranking section: one sortable table row per backbone (rank, model, family,
 * pre-training data, predicted and, when known, true accuracy, every score, GMACs, parameters), the top k
 * highlighted.
 */
final class RankingTable {

    private RankingTable() {
    }

    static void write(Page p, RecommendationReport r, int k) {
        p.section("ranking", "Ranking");
        boolean truth = r.truth() != null;
        boolean intervals = r.candidates().stream().anyMatch(c -> Double.isFinite(c.low()));
        StringBuilder t = new StringBuilder("<div class=\"table-wrap\"><table class=\"sortable\" id=\"ranking-table\">\n<thead><tr>");
        header(t, "rank", "rank", true);
        header(t, "model", "model", false);
        header(t, "family", "family", false);
        header(t, "pretrain", "pretrain data", false);
        header(t, "predicted", "predicted accuracy", true);
        if (intervals) {
            header(t, "low", "90% interval: low", true);
            header(t, "high", "high", true);
        }
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
            if (intervals) {
                number(t, c.low(), Html.fixed(c.low(), 3));
                number(t, c.high(), Html.fixed(c.high(), 3));
            }
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
}
