package dev.modelscout.report;

import static dev.modelscout.report.RecommendationPage.dash;

import dev.modelscout.report.RecommendationReport.Candidate;

/**
 * The recommendation page's ranking section: one sortable table row per backbone (rank, model, family,
 * pre-training data, predicted accuracy with its interval and, when known, the true accuracy with its standard
 * error, every score, the domain distance when the run has one, GMACs, parameters), the top k highlighted.
 * Made to fit the page's width and a printed page (landscape, see report.css): short headers that wrap (the
 * full name on hover), numbers to three or four significant digits, parameters as 77.4K / 11.7M.
 */
final class RankingTable {

    private RankingTable() {
    }

    static void write(Page p, RecommendationReport r, int k) {
        p.section("ranking", "Ranking");
        boolean truth = r.truth() != null;
        boolean ses = truth && r.candidates().stream().anyMatch(c -> Double.isFinite(c.trueSe()));
        boolean intervals = r.candidates().stream().anyMatch(c -> Double.isFinite(c.low()));
        boolean distance = r.candidates().stream().anyMatch(c -> Double.isFinite(c.domainDistance()));
        StringBuilder t = new StringBuilder("<div class=\"table-wrap\"><table class=\"sortable compact\" id=\"ranking-table\">\n<thead><tr>");
        header(t, "rank", "rank", "rank by predicted accuracy", true);
        header(t, "model", "model", "model", false);
        header(t, "family", "family", "architecture family", false);
        header(t, "pretrain", "pretrain", "pre-training data", false);
        header(t, "predicted", "predicted", "predicted fine-tuned accuracy", true);
        if (intervals) {
            header(t, "interval", "90% interval", "90% prediction interval (sorts by its low end)", true);
        }
        if (truth) {
            header(t, "truth", ses ? "true ± SE" : "true", ses ? "true fine-tuned accuracy ± its standard error"
                    : "true fine-tuned accuracy", true);
        }
        for (String s : r.scores()) {
            header(t, "score_" + s, Names.scoreShort(s), Names.score(s), true);
        }
        if (distance) {
            header(t, "domain_distance", "domain dist.", "domain distance to the target (lower: closer)", true);
        }
        header(t, "gmacs", "GMACs", "multiply-accumulates of one forward pass, in G", true);
        header(t, "params_m", "params", "parameters", true);
        t.append("</tr></thead>\n<tbody>\n");
        for (Candidate c : r.candidates()) {
            t.append(c.rank() <= k ? "<tr class=\"top\">" : "<tr>");
            number(t, c.rank(), Integer.toString(c.rank()));
            t.append("<td>").append(Html.esc(c.model())).append("</td>");
            t.append("<td>").append(Html.esc(dash(c.family()))).append("</td>");
            t.append("<td>").append(Html.esc(dash(c.pretrain()))).append("</td>");
            number(t, c.predicted(), Html.fixed(c.predicted(), 3));
            if (intervals) {
                number(t, c.low(), Double.isFinite(c.low()) ? Html.fixed(c.low(), 2) + "–" + Html.fixed(c.high(), 2)
                        : Html.UNKNOWN);
            }
            if (truth) {
                number(t, c.trueAccuracy(), Html.fixed(c.trueAccuracy(), 3)
                        + (Double.isFinite(c.trueAccuracy()) && Double.isFinite(c.trueSe()) ? " ± " + Html.fixed(c.trueSe(), 3) : ""));
            }
            for (String s : r.scores()) {
                number(t, c.score(s), Html.significant(c.score(s), 3));
            }
            if (distance) {
                number(t, c.domainDistance(), Html.significant(c.domainDistance(), 3));
            }
            number(t, c.gmacs(), Html.significant(c.gmacs(), 3));
            number(t, c.paramsM(), Html.count(c.paramsM() * 1e6));
            t.append("</tr>\n");
        }
        t.append("</tbody></table></div>\n");
        p.raw(t.toString());
        p.note("Highlighted: the top " + k + " (--top). Hover a header for its full name; click it to sort by it; "
                + "the address #sort=gmacs (or #sort=-predicted, high to low) opens the page sorted.");
        p.endSection();
    }

    private static void header(StringBuilder t, String key, String label, String title, boolean numeric) {
        t.append("<th data-key=\"").append(Html.esc(key)).append("\" title=\"").append(Html.esc(title)).append('"')
                .append(numeric ? " data-type=\"number\" class=\"num\"" : "").append('>').append(Html.esc(label)).append("</th>");
    }

    private static void number(StringBuilder t, double v, String shown) {
        t.append("<td class=\"num\" data-value=\"").append(Html.sortKey(v)).append("\">").append(Html.esc(shown)).append("</td>");
    }
}
