package dev.modelscout.cli;

import dev.modelscout.recommender.RankingQuality;
import dev.modelscout.recommender.TruthNoise;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints how good a ranking was against the true accuracies, beside the naive picks (recommend, after the table). */
final class RankingSummary {

    private RankingSummary() {
    }

    static void print(PrintWriter o, String truthSource, RankingQuality q) {
        print(o, truthSource, q, java.util.Optional.empty());
    }

    /** The same, with how well the truth is known: standard errors, rank 1 against the noise, Kendall's interval. */
    static void print(PrintWriter o, String truthSource, RankingQuality q, java.util.Optional<TruthNoise> noise) {
        o.println();
        if (q.known() == 0) {
            o.println("no ranked backbone has a true accuracy in " + truthSource);
            return;
        }
        Prose.println(o, "against the true fine-tuned accuracies of " + q.known() + " backbones (" + truthSource + "):");
        Map<String, Double> se = noise.map(TruthNoise::standardErrors).orElse(Map.of());
        Table t = noise.isPresent() ? Table.of("pick", "model", "true_accuracy", "se", "regret")
                : Table.of("pick", "model", "true_accuracy", "regret");
        List<RankingQuality.Pick> rows = new ArrayList<>();
        rows.add(q.top1());
        rows.addAll(q.picks());
        rows.add(q.best());
        for (RankingQuality.Pick p : rows) {
            if (noise.isPresent()) {
                t.add(List.of(p.rule(), p.model(), f(p.accuracy()), f(standardError(se, p)), f(p.regret())));
            } else {
                t.add(List.of(p.rule(), p.model(), f(p.accuracy()), f(p.regret())));
            }
        }
        t.print(o);
        o.printf(Locale.ROOT, "top-1 regret %s, top-3 hit %s, Kendall tau %s, Spearman %s%n", f(q.regret()),
                Double.isNaN(q.hitTop3()) ? "-" : q.hitTop3() > 0 ? "yes" : "no", f(q.kendall()), f(q.spearman()));
        noise.ifPresent(n -> {
            List<Double> s = n.sortedStandardErrors();
            Prose.println(o, String.format(Locale.ROOT,
                    "the truth's noise: standard errors %s to %s (median %s) of the true accuracies; %s",
                    f(s.get(0)), f(s.get(s.size() - 1)), f(s.get(s.size() / 2)), n.top1Verdict()));
            Prose.println(o, String.format(Locale.ROOT, "Kendall tau %s, 95%% interval %s to %s (%s)", f(q.kendall()),
                    f(n.kendallLow()), f(n.kendallHigh()), n.basis()));
        });
        q.notes().forEach(n -> Prose.println(o, "note: " + n));
    }

    /** A pick's standard error; a tie is the mean of its backbones, so sqrt(sum of se^2) / k. */
    private static double standardError(Map<String, Double> se, RankingQuality.Pick pick) {
        double sum = 0;
        for (String m : pick.models()) {
            Double e = se.get(m);
            if (e == null) {
                return Double.NaN;
            }
            sum += e * e;
        }
        return Math.sqrt(sum) / pick.models().size();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
