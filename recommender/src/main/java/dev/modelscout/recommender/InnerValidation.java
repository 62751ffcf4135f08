package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses a hyper-parameter by cross-validation inside a training history only (nested CV: the rows being
 * evaluated outside are never seen). With 3 or more datasets the folds hold out whole datasets (up to 5
 * folds; the question a recommender answers is "which model for a new dataset"); with fewer, 5 folds hold
 * out whole models. The score of a candidate is the mean, over held-out (fold, dataset) groups of at least
 * 3 jobs, of the Pearson correlation between predicted and true accuracy; the first best candidate wins.
 * Deterministic (fixed fold seed).
 */
public final class InnerValidation {

    /** Folds at most. */
    public static final int FOLDS = 5;

    private InnerValidation() {
    }

    /** The chosen value and every candidate's inner score. */
    public record Choice<T>(T best, Map<T, Double> scores, String scheme) {
        /** Provenance entries. */
        public Map<String, String> describe(String name) {
            Map<String, String> m = new LinkedHashMap<>();
            StringBuilder sb = new StringBuilder();
            scores.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=')
                    .append(String.format(Locale.ROOT, "%.4f", v)));
            m.put(name + "Chosen", "inner " + scheme + " CV: " + sb);
            return m;
        }
    }

    /**
     * The inner folds of {@code history}: each fold is the set of held-out units (datasets when the history has
     * 3 or more, else models); {@code byDataset} says which.
     */
    public record Folds(List<Set<String>> held, boolean byDataset) {
        /** Whether {@code j} is held out in fold {@code f}. */
        public boolean heldOut(int f, Job j) {
            return held.get(f).contains(byDataset ? j.dataset() : j.model());
        }

        public String scheme() {
            return byDataset ? "dataset" : "model";
        }
    }

    /** The seeded fold assignment used by {@link #choose}. */
    public static Folds folds(TrainingHistory history) {
        List<Set<String>> folds = new ArrayList<>();
        List<String> datasets = new ArrayList<>(history.datasets());
        boolean byDataset = datasets.size() >= 3;
        List<String> units = byDataset ? datasets : new ArrayList<>(history.models());
        Collections.shuffle(units, new Random(20230601L));
        int k = Math.min(FOLDS, units.size());
        for (int f = 0; f < k; f++) {
            folds.add(new HashSet<>());
        }
        for (int i = 0; i < units.size(); i++) {
            folds.get(i % k).add(units.get(i));
        }
        return new Folds(folds, byDataset);
    }

    /**
     * Trains with the penalty {@code setting} chosen from {@code grid} by {@link #choose} when the grid holds two
     * or more values, else with the configured one ({@code fit} then gets null and no tuning notes).
     *
     * @param fixed a trainer with the penalty fixed at a value (what the inner folds train)
     * @param fit   the final fit on the whole history: the chosen value (or null) and the tuning notes for provenance
     */
    static Recommender tunedFit(TrainingHistory history, FieldSpec features, List<Double> grid, String setting,
            java.util.function.DoubleFunction<Trainer> fixed,
            java.util.function.BiFunction<Double, Map<String, String>, Recommender> fit) {
        if (grid.size() < 2) {
            return fit.apply(null, Map.of());
        }
        Choice<Double> c = choose(history, features, grid, fixed::apply);
        return fit.apply(c.best(), c.describe(setting));
    }

    /** Scores every candidate with {@code trainer(candidate)} and returns the best. */
    public static <T> Choice<T> choose(TrainingHistory history, FieldSpec features, List<T> candidates,
                                       Function<T, Trainer> trainer) {
        Folds folds = folds(history);
        Map<T, Double> scores = new LinkedHashMap<>();
        T best = candidates.get(0);
        double bestScore = Double.NEGATIVE_INFINITY;
        for (T c : candidates) {
            Trainer t = trainer.apply(c);
            double sum = 0;
            int count = 0;
            for (int f = 0; f < folds.held().size(); f++) {
                int fold = f;
                TrainingHistory train = history.filter(j -> !folds.heldOut(fold, j));
                if (train.size() == 0) {
                    continue;
                }
                Recommender r = t.train(train, features);
                Map<String, List<Job>> test = history.filter(j -> folds.heldOut(fold, j)).byDataset();
                for (List<Job> rows : test.values()) {
                    if (rows.size() < 3) {
                        continue;
                    }
                    double v = Metrics.pearson(r.predict(rows), rows.stream().mapToDouble(Job::accuracy).toArray());
                    if (!Double.isNaN(v)) {
                        sum += v;
                        count++;
                    }
                }
            }
            double score = count == 0 ? Double.NaN : sum / count;
            scores.put(c, score);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return new Choice<>(best, scores, folds.scheme());
    }
}
