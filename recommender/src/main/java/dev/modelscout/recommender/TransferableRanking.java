package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ranking that transfers across zoos, for candidates out of a recommender's domain (models it never learned):
 * the mean, over the transferability score columns it reads, of each candidate's rank within the target (mapped to
 * [0, 1], 1 = highest score; a missing score counts as the lowest). A score's scale differs between targets and
 * zoos, its order within one target is what the history taught the recommender to trust.
 */
public final class TransferableRanking {

    private TransferableRanking() {
    }

    /** The score columns of {@code columns} (a recommender's input columns) that some candidate has. */
    public static List<String> scoreColumns(List<String> columns, List<Prediction> ranked) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (HistorySchema.scoreName(c).isPresent()
                    && ranked.stream().anyMatch(p -> !Double.isNaN(p.row().number(c)))) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@code ranked} (one target's candidates) re-ranked by their mean within-target rank of {@code scoreColumns}. */
    public static List<Prediction> rerank(List<Prediction> ranked, List<String> scoreColumns) {
        int n = ranked.size();
        double[] mean = new double[n];
        for (String c : scoreColumns) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double x = ranked.get(i).row().number(c);
                v[i] = Double.isNaN(x) ? Double.NEGATIVE_INFINITY : x;
            }
            double[] r = Metrics.ranks(v);
            for (int i = 0; i < n; i++) {
                mean[i] += (n == 1 ? 1 : (r[i] - 1) / (n - 1)) / scoreColumns.size();
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -mean[i]).thenComparing(i -> ranked.get(i).rank()));
        List<Prediction> out = new ArrayList<>();
        int rank = 1;
        for (int i : order) {
            Prediction p = ranked.get(i);
            out.add(new Prediction(p.dataset(), p.model(), rank++, p.predicted(), p.actual(), p.row()));
        }
        return out;
    }
}
