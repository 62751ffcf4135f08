package dev.modelscout.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.report.RecommendationReport.Candidate;
import dev.modelscout.report.RecommendationReport.Truth;
import java.util.List;

/**
 * The {@code recommend --report} page: the ranking table, predicted accuracy against cost with the Pareto front,
 * how each score ranks the backbones, predicted against true accuracy with each score held against the truth
 * (when known) and the provenance.
 * This class lays out the page (title, contents, summary, footer) and holds what the sections share; each
 * section is its own class: {@link RankingTable}, {@link CostChart}, {@link ScoresChart}, {@link TruthSection},
 * {@link ProvenanceSection}.
 */
final class RecommendationPage {

    /** Above this many backbones only the top-k and the Pareto front are labelled in the charts. */
    static final int LABEL_ALL_UP_TO = 25;

    static final String TOP_GROUP = "recommended (top %d)";
    static final String OTHER_GROUP = "other backbones";

    private RecommendationPage() {
    }

    static String render(RecommendationReport r) {
        return render(r, null);
    }

    /**
     * The page; with a {@code trajectory} ({@code select --report}), the guided loop's trajectory comes first
     * ({@link TrajectorySection}) and the ranking is the loop's initial one.
     */
    static String render(RecommendationReport r, SelectionReport trajectory) {
        List<Candidate> c = r.candidates();
        int k = Math.min(r.top(), c.size());
        Page p = new Page((trajectory == null ? "modelscout: backbones for " : "modelscout select: backbones for ")
                + r.dataset());
        List<String> recommended = c.stream().limit(k).map(Candidate::model).toList();
        String subtitle = c.size() + " backbone" + (c.size() == 1 ? "" : "s") + " of " + fileName(r.run().zoo().file())
                + " ranked by predicted fine-tuned accuracy on " + r.dataset() + "; recommended: "
                + (recommended.isEmpty() ? "none" : String.join(", ", recommended));
        p.raw("<nav class=\"toc\">" + (trajectory == null ? "" : "<a href=\"#trajectory\">Trajectory</a>")
                + "<a href=\"#ranking\">" + (trajectory == null ? "Ranking" : "Initial ranking") + "</a><a href=\"#cost\">Accuracy and cost</a>"
                + (r.scores().isEmpty() ? "" : "<a href=\"#scores\">Scores' rankings</a>")
                + (r.truth() == null ? "" : "<a href=\"#truth\">Against the truth</a>")
                + "<a href=\"#provenance\">Provenance</a></nav>\n");
        if (trajectory != null) {
            TrajectorySection.write(p, trajectory);
        }
        summary(p, r, k);
        RankingTable.write(p, r, k);
        CostChart.write(p, r, k);
        ScoresChart.write(p, r);
        if (r.truth() != null) {
            TruthSection.write(p, r, k);
        }
        ProvenanceSection.write(p, r);
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

    /** The legend group of a backbone: the top k or the others. */
    static String group(Candidate c, int k) {
        return c.rank() <= k ? String.format(TOP_GROUP, k) : OTHER_GROUP;
    }

    /** The legend's colours of the top-k and the other backbones. */
    static void groupColors(ObjectNode color, int k) {
        List<String> domain = List.of(String.format(TOP_GROUP, k), OTHER_GROUP);
        List<String> range = List.of("#1f6feb", "#8c959f");
        color.putObject("scale").<ObjectNode>set("domain", Specs.strings(domain)).set("range", Specs.strings(range));
    }

    static String dash(String s) {
        return s == null || s.isEmpty() ? Html.UNKNOWN : s;
    }

    static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i < 0 ? path : path.substring(i + 1);
    }
}
