package dev.modelscout.cli;

import dev.modelscout.recommender.evaluation.ActiveResult;
import dev.modelscout.recommender.evaluation.FidelityResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Console tables of {@code evaluate --protocol active}: the guided loop beside the static orders. */
final class ActiveTable {

    private ActiveTable() {
    }

    static void print(PrintWriter o, ActiveResult a, String baseline) {
        o.println();
        o.println("active: mean regret after k fine-tunes (+- spread over datasets; random: over its repeats), "
                + "fraction of the zoo until the best / one within " + f(a.eps()) + " is fine-tuned");
        List<String> header = new ArrayList<>(List.of("order"));
        a.ks().forEach(k -> header.add("regret@" + k));
        header.addAll(List.of("to_best", "to_within", "tunes_within"));
        Table t = Table.of(header.toArray(String[]::new));
        for (ActiveResult.OrderSummary s : a.orders()) {
            List<String> row = new ArrayList<>(List.of(s.order()));
            for (int i = 0; i < a.ks().size(); i++) {
                row.add(f(s.regret().get(i)) + " +- " + f(s.regretStd().get(i)));
            }
            row.add(f(s.fractionBest()) + " +- " + f(s.fractionBestStd()));
            row.add(f(s.fractionWithin()) + " +- " + f(s.fractionWithinStd()));
            row.add(String.format(Locale.ROOT, "%.1f", s.tunesWithin()));
            t.add(row);
        }
        t.print(o);
        ActiveResult.StopSummary st = a.stop();
        o.printf(Locale.ROOT, "stop rule (no untried backbone beats the best by > %s with probability >= the level chosen per dataset, mean %s): stopped after %.1f +- %.1f "
                        + "fine-tunes, regret there %.3f +- %.3f, within %s on %.0f%% of the datasets; best static order to "
                        + "within %s: %s, %.1f fine-tunes%n", f(a.eps()), f(a.stopLevel()), st.tunes(), st.tunesStd(),
                st.regret(), st.regretStd(), f(a.eps()), 100 * st.withinEps(), f(a.eps()), st.staticOrder(),
                st.staticTunes());
        ActiveResult.Coverage c = a.intervals();
        o.printf(Locale.ROOT, "intervals before any fine-tune: coverage of 80%%: %.3f +- %.3f (mean width %.3f), of 90%%: "
                + "%.3f +- %.3f (mean width %.3f)%n", c.coverage80(), c.coverage80Std(), c.width80(), c.coverage90(),
                c.coverage90Std(), c.width90());
        if (a.fidelity() != null) {
            printFidelity(o, a.fidelity(), a.eps());
        }
        o.println("below: the recommender's own ranking of the held-out datasets before any fine-tune"
                + (baseline == null ? "" : ", beside " + baseline));
        o.println();
    }

    /** The orders charged in backbone-epochs on the learning curves, multi-fidelity ones among them. */
    static void printFidelity(PrintWriter o, FidelityResult fr, double eps) {
        o.println();
        if (fr.orders().isEmpty()) {
            o.println("learning curves (" + fr.curves() + "): no held-out dataset has complete curves; "
                    + skipped(fr));
            return;
        }
        o.printf(Locale.ROOT, "learning curves (%s): %d epochs, %d seeds, %d datasets; in backbone-epochs (one epoch of "
                + "one backbone; a full fine-tune costs %d), each seed's runs replayed; regret of the pick (best final "
                + "validation accuracy among the backbones fine-tuned for every epoch) against the history's accuracy, "
                + "mean +- sd over datasets and seeds; '-': nothing fine-tuned for every epoch within that budget%n",
                fr.curves(), fr.epochs(), fr.seeds(), fr.datasets().size(), fr.epochs());
        List<String> header = new ArrayList<>(List.of("order", "cost"));
        fr.budgets().forEach(b -> header.add("regret@" + b));
        header.addAll(List.of("final_regret", "picks_best", "cost_to_best", "cost_to_within_" + f(eps)));
        Table t = Table.of(header.toArray(String[]::new));
        for (FidelityResult.Order s : fr.orders()) {
            List<String> row = new ArrayList<>(List.of(s.order(), String.format(Locale.ROOT, "%.1f", s.cost())));
            for (int i = 0; i < fr.budgets().size(); i++) {
                double m = s.regret().get(i);
                row.add(Double.isNaN(m) ? "-" : f(m) + " +- " + f(s.regretStd().get(i)));
            }
            row.add(f(s.finalRegret()) + " +- " + f(s.finalRegretStd()));
            row.add(String.format(Locale.ROOT, "%.0f%%", 100 * s.pickedBest()));
            row.add(reach(s.costToBest(), s.bestReached()));
            row.add(reach(s.costToWithin(), s.withinReached()));
            t.add(row);
        }
        t.print(o);
        o.println("cost: backbone-epochs to run the order to its end; cost_to_*: mean backbone-epochs until the pick "
                + "is first the best (within " + f(eps) + "), over the runs that get there (their share in brackets)"
                + (fr.skipped().isEmpty() ? "" : "; " + skipped(fr)));
    }

    private static String skipped(FidelityResult fr) {
        StringBuilder sb = new StringBuilder("left out: ");
        fr.skipped().forEach(x -> sb.append(sb.length() == 10 ? "" : ", ").append(x.dataset()).append(" (")
                .append(x.reason()).append(')'));
        return sb.toString();
    }

    private static String reach(double cost, double share) {
        return Double.isNaN(cost) ? "never" : String.format(Locale.ROOT, "%.1f (%.0f%%)", cost, 100 * share);
    }

    private static String f(double d) {
        return Double.isNaN(d) ? "nan" : String.format(Locale.ROOT, "%.3f", d);
    }
}
