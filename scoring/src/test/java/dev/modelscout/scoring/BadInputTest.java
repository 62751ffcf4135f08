package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input gives a one-line ScoringException or a documented, finite result; never NaN. */
class BadInputTest {

    private static final Scores.Options OPTS = Scores.Options.defaults();

    private static List<TransferabilityScore> featureScores() {
        return Scores.parse("all", OPTS, false);
    }

    private static FeatureMatrix random(int n, int d, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        return new FeatureMatrix(n, d, a);
    }

    private static FeatureMatrix softmaxRows(int n, int cs, long seed) {
        Random r = new Random(seed);
        double[] p = new double[n * cs];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < cs; j++) {
                p[i * cs + j] = Math.exp(2 * r.nextGaussian());
                sum += p[i * cs + j];
            }
            for (int j = 0; j < cs; j++) {
                p[i * cs + j] /= sum;
            }
        }
        return new FeatureMatrix(n, cs, p);
    }

    private static Labels cyclic(int n, int c) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % c;
        }
        return Labels.remap(y);
    }

    private static void rejects(TransferabilityScore s, FeatureMatrix f, Labels y, FeatureMatrix p, String fragment) {
        ScoringException e = assertThrows(ScoringException.class, () -> s.score(f, y, p), s.name());
        assertTrue(e.getMessage().contains(fragment), s.name() + ": '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void rejectsNonFiniteFeaturesNamingRowAndColumn() {
        FeatureMatrix f = random(30, 4, 1);
        f.data()[2 * 4 + 3] = Double.NaN;
        for (TransferabilityScore s : featureScores()) {
            rejects(s, f, cyclic(30, 3), null, "row 2, column 3");
        }
        FeatureMatrix g = random(30, 4, 1);
        g.data()[5] = Double.POSITIVE_INFINITY;
        rejects(new LogMe(), g, cyclic(30, 3), null, "Infinity");
    }

    @Test
    void rejectsTooFewImagesOrClassesOrMismatchedLabels() {
        for (TransferabilityScore s : featureScores()) {
            rejects(s, random(1, 3, 2), Labels.remap(new int[] {0}), null, "at least 2 images");
            rejects(s, random(10, 3, 2), Labels.remap(new int[10]), null, "at least 2 classes");
            rejects(s, random(10, 3, 2), cyclic(9, 2), null, "9 labels for 10 feature rows");
        }
        rejects(new Leep(), null, Labels.remap(new int[6]), softmaxRows(6, 3, 1), "at least 2 classes");
    }

    @Test
    void remapsNonContiguousClassIds() {
        FeatureMatrix f = random(60, 5, 3);
        int[] raw = new int[60];
        int[] contiguous = new int[60];
        for (int i = 0; i < 60; i++) {
            contiguous[i] = i % 3;
            raw[i] = new int[] {7, 42, 1000}[i % 3];
        }
        // a class list with an unused class in the middle: dropped, ids renumbered
        int[] withGap = new int[60];
        for (int i = 0; i < 60; i++) {
            withGap[i] = contiguous[i] == 2 ? 3 : contiguous[i];
        }
        Labels gap = new Labels(withGap, List.of("a", "b", "unused", "c"));
        FeatureMatrix p = softmaxRows(60, 4, 3);
        for (TransferabilityScore s : Scores.parse("all", OPTS, true)) {
            double expected = s.score(f, Labels.remap(contiguous), p);
            assertEquals(expected, s.score(f, Labels.remap(raw), p), 1e-12, s.name());
            assertEquals(expected, s.score(f, gap, p), 1e-12, s.name());
        }
    }

    @Test
    void zeroVarianceFeaturesGiveFiniteScores() {
        FeatureMatrix f = random(50, 6, 4);
        for (int i = 0; i < 50; i++) {
            f.data()[i * 6 + 2] = 3.5; // constant column
            f.data()[i * 6 + 4] = 0; // all-zero column
        }
        for (TransferabilityScore s : featureScores()) {
            double v = s.score(f, cyclic(50, 4), null);
            assertTrue(Double.isFinite(v), s.name() + " gave " + v);
        }
    }

    @Test
    void rejectsIdenticalRowsWhereScoreIsUndefined() {
        double[] a = new double[20 * 3];
        for (int i = 0; i < 20; i++) {
            a[i * 3] = 1;
            a[i * 3 + 1] = 2;
            a[i * 3 + 2] = 3;
        }
        FeatureMatrix f = new FeatureMatrix(20, 3, a);
        rejects(new Lfc(), f, cyclic(20, 2), null, "identical");
        rejects(new RegHScore(), f, cyclic(20, 2), null, "identical");
        rejects(new Parc(), f, cyclic(20, 2), null, "constant");
        rejects(new LogMe(), new FeatureMatrix(20, 3, new double[60]), cyclic(20, 2), null, "all features are zero");
    }

    @Test
    void parcRejectsLabelsWithoutSameClassPairs() {
        int[] y = new int[8];
        for (int i = 0; i < 8; i++) {
            y[i] = i;
        }
        rejects(new Parc(), random(8, 3, 5), Labels.remap(y), null, "own class");
    }

    @Test
    void rejectsBadProbabilities() {
        Labels y = cyclic(20, 2);
        FeatureMatrix f = random(20, 3, 6);
        for (TransferabilityScore s : List.of(new Leep(), new Nce())) {
            rejects(s, f, y, null, "--probs");
            rejects(s, f, y, softmaxRows(19, 4, 1), "19 rows for 20 labels");
            FeatureMatrix unnormalised = softmaxRows(20, 4, 1);
            unnormalised.data()[5 * 4] += 0.5;
            rejects(s, f, y, unnormalised, "row 5 sum to");
            FeatureMatrix negative = softmaxRows(20, 4, 1);
            negative.data()[3] = -0.1;
            rejects(s, f, y, negative, "row 0, column 3");
            FeatureMatrix nan = softmaxRows(20, 4, 1);
            nan.data()[7] = Double.NaN;
            rejects(s, f, y, nan, "NaN");
        }
        assertThrows(ScoringException.class, () -> Scores.parse("leep", OPTS, false));
        assertThrows(ScoringException.class, () -> Scores.parse("logme,bogus", OPTS, false));
    }

    @Test
    void neverReturnsNaNOnDegenerateButValidInputs() {
        // duplicated rows, tiny classes, a class of one image, huge and tiny scales
        FeatureMatrix base = random(40, 8, 7);
        double[] a = base.data();
        System.arraycopy(a, 0, a, 8, 8); // row 1 = row 0
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i == 39 ? 5 : i % 3;
        }
        for (double scale : new double[] {1e-6, 1, 1e6}) {
            double[] s = a.clone();
            for (int i = 0; i < s.length; i++) {
                s[i] *= scale;
            }
            FeatureMatrix f = new FeatureMatrix(40, 8, s);
            for (TransferabilityScore sc : Scores.parse("all", OPTS, true)) {
                double v = sc.score(f, Labels.remap(y), softmaxRows(40, 5, 8));
                assertTrue(Double.isFinite(v), sc.name() + " at scale " + scale + " gave " + v);
            }
        }
    }

    @Test
    void aScoreUndefinedOnATinyDatasetIsLeftUnknownWithItsReasonAndTheOthersAreComputed() {
        // One image per class (2 images per class split for fine-tuning): PARC is undefined, LogME is not.
        dev.modelscout.core.FeatureMatrix f = dev.modelscout.core.FeatureMatrix.of(new double[][] {
            {1, 0.2, 0.3}, {0.1, 1, 0.5}, {0.3, 0.4, 1}, {0.9, 0.1, 0.8}});
        dev.modelscout.core.Labels y = dev.modelscout.core.Labels.remap(new int[] {0, 1, 2, 3});
        List<TransferabilityScore> scores = Scores.of(List.of("parc", "logme"), Scores.Options.defaults());
        assertThrows(UndefinedScoreException.class, () -> Scores.run(scores, f, y, null));
        java.util.Map<String, String> why = new java.util.LinkedHashMap<>();
        List<Scores.Result> r = Scores.runEach(scores, f, y, null, why::put);
        assertTrue(Double.isNaN(r.get(0).value()), "parc unknown");
        assertTrue(Double.isFinite(r.get(1).value()), "logme computed");
        assertEquals(java.util.Set.of("parc"), why.keySet());
        assertTrue(why.get("parc").contains("undefined"), why.toString());
    }

    @Test
    void noneNamesNoScoreWhereACommandAllowsIt() {
        assertEquals(List.of(), Scores.parse("none", Scores.Options.defaults(), false, true));
        assertThrows(ScoringException.class, () -> Scores.parse("none", Scores.Options.defaults(), false));
    }
}
