package dev.modelscout.cli;

import dev.modelscout.recommender.RankingQuality;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints how good a ranking was against the true accuracies, beside the naive picks (recommend, after the table). */
final class RankingSummary {

    private RankingSummary() {
    }

    static void print(PrintWriter o, String truthSource, RankingQuality q) {
        o.println();
        if (q.known() == 0) {
            o.println("no ranked backbone has a true accuracy in " + truthSource);
            return;
        }
        o.println("against the true fine-tuned accuracies of " + q.known() + " backbones (" + truthSource + "):");
        Table t = Table.of("pick", "model", "true_accuracy", "regret");
        List<RankingQuality.Pick> rows = new ArrayList<>();
        rows.add(q.top1());
        rows.addAll(q.picks());
        rows.add(q.best());
        for (RankingQuality.Pick p : rows) {
            t.add(List.of(p.rule(), p.model(), f(p.accuracy()), f(p.regret())));
        }
        t.print(o);
        o.printf(Locale.ROOT, "top-1 regret %s, top-3 hit %s, Kendall tau %s, Spearman %s%n", f(q.regret()),
                Double.isNaN(q.hitTop3()) ? "-" : q.hitTop3() > 0 ? "yes" : "no", f(q.kendall()), f(q.spearman()));
        q.notes().forEach(n -> o.println("note: " + n));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
