package dev.modelscout.cli;

import dev.modelscout.recommender.evaluation.ActiveResult;
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
        o.println("below: the recommender's own ranking of the held-out datasets before any fine-tune"
                + (baseline == null ? "" : ", beside " + baseline));
        o.println();
    }

    private static String f(double d) {
        return Double.isNaN(d) ? "nan" : String.format(Locale.ROOT, "%.3f", d);
    }
}
