package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.FeatureStats;
import dev.modelscout.core.Labels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Task difficulty (the cross-validated nearest-centroid probe) and the domain distance. */
class ImageFieldScoresTest {

    private static Labels labels(int... ids) {
        int c = java.util.Arrays.stream(ids).max().orElse(0) + 1;
        return new Labels(ids, java.util.stream.IntStream.range(0, c).mapToObj(Integer::toString).toList());
    }

    @Test
    void probeAccuracyWorkedByHand() {
        // Folds: the r-th image of each class is in fold r mod k, k = min(5, largest class) = 2:
        // fold 0 = {x=0 (class 0), x=0.9 (class 1)}, trained on {1 (class 0), 5 (class 1)}: 0 -> class 0 (right),
        // 0.9 -> class 0 (wrong); fold 1 = {1, 5}, trained on {0 (class 0), 0.9 (class 1)}: 1 -> class 1 (wrong),
        // 5 -> class 1 (right). Standardising one dimension keeps the order of distances: 2 of 4 right.
        FeatureMatrix x = FeatureMatrix.of(new double[][] {{0}, {1}, {0.9}, {5}});
        assertEquals(0.5, TaskDifficulty.probeAccuracy(x, labels(0, 0, 1, 1)), 1e-15);
        FeatureMatrix apart = FeatureMatrix.of(new double[][] {{0}, {0.1}, {10}, {10.1}});
        assertEquals(1.0, TaskDifficulty.probeAccuracy(apart, labels(0, 0, 1, 1)), 1e-15);
    }

    @Test
    void separatedClassesAreEasyAndNoiseIsNearChance() {
        Random r = new Random(7);
        int n = 300;
        int classes = 3;
        double[][] clustered = new double[n][4];
        double[][] noise = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < 4; j++) {
                clustered[i][j] = 10 * (j == y[i] ? 1 : 0) + r.nextGaussian();
                noise[i][j] = r.nextGaussian();
            }
        }
        assertEquals(1.0, TaskDifficulty.probeAccuracy(FeatureMatrix.of(clustered), labels(y)), 1e-12);
        double chance = TaskDifficulty.probeAccuracy(FeatureMatrix.of(noise), labels(y));
        assertTrue(Math.abs(chance - 1.0 / classes) < 0.1, "noise gives " + chance);
    }

    @Test
    void probeIgnoresTheScaleAndOffsetOfEachDimension() {
        Random r = new Random(3);
        double[][] a = new double[60][3];
        double[][] b = new double[60][3];
        int[] y = new int[60];
        double[] scale = {1e-3, 7, 250};
        for (int i = 0; i < 60; i++) {
            y[i] = i % 4;
            for (int j = 0; j < 3; j++) {
                a[i][j] = y[i] * 0.4 * (j + 1) + r.nextGaussian();
                b[i][j] = a[i][j] * scale[j] - 40;
            }
        }
        assertEquals(TaskDifficulty.probeAccuracy(FeatureMatrix.of(a), labels(y)),
                TaskDifficulty.probeAccuracy(FeatureMatrix.of(b), labels(y)), 1e-12);
    }

    @Test
    void probeNeedsTwoClasses() {
        ScoringException e = assertThrows(ScoringException.class, () -> TaskDifficulty.probeAccuracy(
                FeatureMatrix.of(new double[][] {{1}, {2}}), labels(0, 0)));
        assertTrue(e.getMessage().startsWith("probe: needs at least 2 classes"), e.getMessage());
    }

    @Test
    void domainDistanceWorkedByHandAndScaleFree() {
        // source: means (0, 0), standard deviations (1, 1): spread sqrt(2); target mean (3, 4): gap 5
        FeatureStats source = new FeatureStats(new double[] {0, 0}, new double[] {1, 1}, 0);
        FeatureMatrix target = FeatureMatrix.of(new double[][] {{2, 4}, {4, 4}});
        assertEquals(5 / Math.sqrt(2), DomainDistance.of(target, source), 1e-12);
        FeatureStats scaled = new FeatureStats(new double[] {0, 0}, new double[] {7, 7}, 0);
        FeatureMatrix targetScaled = FeatureMatrix.of(new double[][] {{14, 28}, {28, 28}});
        assertEquals(DomainDistance.of(target, source), DomainDistance.of(targetScaled, scaled), 1e-12);
        FeatureStats same = FeatureStats.of(target);
        assertEquals(0, DomainDistance.of(target, same), 1e-15);
    }

    @Test
    void domainDistanceRefusesMismatchedOrDegenerateInputs() {
        FeatureMatrix target = FeatureMatrix.of(new double[][] {{1, 2}});
        for (var c : List.of(
                new Object[] {new FeatureStats(new double[] {0, 0, 0}, new double[] {1, 1, 1}, 0), "have 2 dimensions"},
                new Object[] {new FeatureStats(new double[] {0, 0}, new double[] {0, 0}, 0), "no spread"})) {
            ScoringException e = assertThrows(ScoringException.class, () -> DomainDistance.of(target, (FeatureStats) c[0]));
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
        }
    }
}
