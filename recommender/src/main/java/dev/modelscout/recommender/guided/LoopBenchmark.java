package dev.modelscout.recommender.guided;

import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Trainer;
import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the guided loop costs beside a fine-tune: the one-off set-up (train the recommender on the history without
 * the target, its leave-one-dataset-out residuals, the prior's choice) and one round's re-ranking (the update with the target's
 * observed jobs, the acquisition over every untried candidate, the stop test), replayed on one dataset of a history
 * with its known accuracies.
 *
 * @param setupSeconds  training and residuals
 * @param roundSeconds  each round's re-ranking, in order (round k has k - 1 observed jobs)
 * @param candidates    candidates ranked per round
 */
public record LoopBenchmark(String dataset, int candidates, double setupSeconds, List<Double> roundSeconds) {

    /** Replays {@code rounds} rounds on {@code dataset} of {@code history} (its jobs are the candidates). */
    public static LoopBenchmark run(TrainingHistory history, Trainer trainer, FieldSpec features, String dataset,
                                    int rounds, GuidedSearch.Config config) {
        long t0 = System.nanoTime();
        TrainingHistory others = history.filter(j -> !j.dataset().equals(dataset));
        List<Job> rows = history.filter(j -> j.dataset().equals(dataset)).jobs();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no jobs of dataset '" + dataset + "' in " + history.source());
        }
        Recommender r = trainer.train(others, features);
        GuidedSearch search = GuidedSearch.of(others, rows, r.predict(rows), LodoResiduals.of(others, trainer, features),
                config);
        double setup = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> truth = new LinkedHashMap<>();
        rows.forEach(j -> truth.put(j.model(), j.accuracy()));
        Map<String, Double> observed = new LinkedHashMap<>();
        List<Double> times = new ArrayList<>();
        for (int k = 0; k < Math.min(rounds, rows.size()); k++) {
            long t = System.nanoTime();
            GuidedSearch.Round round = search.round(observed);
            times.add((System.nanoTime() - t) / 1e9);
            String next = round.next(1).get(0);
            observed.put(next, truth.get(next));
        }
        return new LoopBenchmark(dataset, rows.size(), setup, times);
    }

    /** The median round time. */
    public double medianRoundSeconds() {
        double[] v = roundSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    /** The slowest round. */
    public double maxRoundSeconds() {
        return roundSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return dataset + " " + Arrays.toString(roundSeconds.toArray());
    }
}
