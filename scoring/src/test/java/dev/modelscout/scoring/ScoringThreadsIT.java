package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Limiting the scores' native threads: ND4J and its BLAS take the limit, and the scores stay the same. */
class ScoringThreadsIT {

    @Test
    void aLimitReachesNd4jAndBlasAndLeavesTheScoresAsTheyWere() {
        Random r = new Random(5);
        int n = 120;
        int d = 16;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = r.nextGaussian() + (j == y[i] ? 2 : 0);
            }
        }
        FeatureMatrix f = new FeatureMatrix(n, d, x);
        Labels labels = new Labels(y, List.of("a", "b", "c"));
        List<TransferabilityScore> scores = Scores.of(List.of("logme", "parc", "hscore"), Scores.Options.defaults());
        int before = ScoringThreads.current();
        int blasBefore = Nd4j.factory().blas().getMaxThreads();
        List<Scores.Result> all = Scores.run(scores, f, labels, null);
        try {
            ScoringThreads.limit(1);
            assertEquals(1, ScoringThreads.current());
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            List<Scores.Result> one = Scores.run(scores, f, labels, null);
            for (int i = 0; i < all.size(); i++) {
                assertEquals(all.get(i).value(), one.get(i).value(), 1e-9 * Math.max(1, Math.abs(all.get(i).value())),
                        all.get(i).name());
            }
        } finally {
            ScoringThreads.limit(before);
            Nd4j.factory().blas().setMaxThreads(blasBefore);
        }
        assertThrows(IllegalArgumentException.class, () -> ScoringThreads.limit(0));
    }
}
