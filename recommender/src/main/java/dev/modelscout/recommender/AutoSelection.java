package dev.modelscout.recommender;

import static dev.modelscout.recommender.GroupStatistics.difference;
import static dev.modelscout.recommender.GroupStatistics.finite;
import static dev.modelscout.recommender.GroupStatistics.mean;
import static dev.modelscout.recommender.GroupStatistics.rankable;
import static dev.modelscout.recommender.GroupStatistics.standardError;

import dev.modelscout.recommender.AutoCandidates.Candidate;
import dev.modelscout.recommender.AutoRecommender.InnerScore;
import dev.modelscout.recommender.AutoRecommender.ScoreUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code auto}'s stepwise choice: popularity -> the best candidate without scores -> the best with scores (compared
 * with the best without), each step taken only when it wins by more than {@code margin} standard errors of the
 * paired per-group difference. Popularity is kept when no candidate can be scored on any held-out group.
 *
 * @param chosen the index of the chosen candidate (0: popularity)
 * @param steps  one line per comparison made, for the provenance
 */
record AutoSelection(int chosen, List<String> steps) {

    /** Chooses among the scored candidates; {@code table} names them. */
    static AutoSelection choose(AutoInnerScores inner, List<InnerScore> table, double margin) {
        List<Candidate> candidates = inner.candidates();
        List<double[]> selected = inner.selected();
        double[] base = selected.get(0);
        int withoutScores = best(candidates, selected, false);
        int withScores = best(candidates, selected, true);
        List<String> steps = new ArrayList<>();
        int step = withoutScores;
        if (withScores >= 0) {
            step = withoutScores < 0 || wins(selected.get(withScores), selected.get(withoutScores), table.get(withScores)
                    .candidate(), table.get(withoutScores).candidate(), margin, steps) ? withScores : withoutScores;
        }
        int chosen = step >= 0 && wins(selected.get(step), base, table.get(step).candidate(), Popularity.NAME, margin, steps)
                ? step : 0;
        if (step < 0) {
            steps.add("no candidate could be scored on a held-out group of >= 3 jobs: kept popularity");
        }
        return new AutoSelection(chosen, List.copyOf(steps));
    }

    /** The non-baseline candidate with the best mean selection metric among those with (or without) scores; -1: none. */
    private static int best(List<Candidate> candidates, List<double[]> selected, boolean withScores) {
        int best = -1;
        for (int c = 1; c < candidates.size(); c++) {
            boolean scores = candidates.get(c).scores() != ScoreUse.OFF;
            if (scores == withScores && finite(selected.get(c)) > 0
                    && (best < 0 || rankable(selected.get(c)) > rankable(selected.get(best)))) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Whether {@code upper} beats {@code lower} by more than the margin in standard errors of the paired per-group
     * difference (or {@code lower} cannot be scored on any group {@code upper} is); notes the step.
     */
    private static boolean wins(double[] upper, double[] lower, String upperName, String lowerName, double margin,
                                List<String> steps) {
        double[] d = difference(upper, lower);
        boolean win = finite(d) == 0 ? finite(upper) > 0 : mean(d) > margin * standardError(d);
        steps.add(String.format(Locale.ROOT, "%s vs %s: %+.4f+-%.4f, %s", upperName, lowerName, mean(d),
                standardError(d), win ? "taken" : "kept " + lowerName));
        return win;
    }
}
