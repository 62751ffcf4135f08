package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Expected values computed with SciPy 1.10.1 (Debian python3-scipy, /usr/bin/python3):
 * {@code stats.pearsonr(x,y)[0], stats.spearmanr(x,y)[0], stats.kendalltau(x,y)[0], stats.weightedtau(x,y)[0],
 * stats.weightedtau(x,y,rank=None)[0], stats.weightedtau(y,x,rank=None)[0]}, printed with repr().
 */
class MetricsTest {

    private static final double TOL = 1e-12;

    private static final double[] AX = {0.9, 0.8, 0.7, 0.75, 0.6, 0.95, 0.85};
    private static final double[] AY = {0.88, 0.7, 0.72, 0.8, 0.5, 0.9, 0.91};
    private static final double[] TX = {1, 2, 2, 3, 4, 4, 5, 6};
    private static final double[] TY = {2, 1, 3, 3, 5, 4, 4, 7};
    private static final double[] NX = {1, 2, 3, 4, 5};
    private static final double[] NY = {5, 3, 4, 1, 2};

    @Test
    void correlationsMatchScipyWithoutTies() {
        assertEquals(0.8947847276758345, Metrics.pearson(AX, AY), TOL);
        assertEquals(0.7857142857142859, Metrics.spearman(AX, AY), TOL);
        assertEquals(0.6190476190476191, Metrics.kendall(AX, AY), TOL);
    }

    @Test
    void correlationsMatchScipyWithTies() {
        assertEquals(0.8779629418121787, Metrics.pearson(TX, TY), TOL);
        assertEquals(0.8902439024390245, Metrics.spearman(TX, TY), TOL);
        assertEquals(0.7692307692307694, Metrics.kendall(TX, TY), TOL);
        assertEquals(-0.7999999999999999, Metrics.pearson(NX, NY), TOL);
        assertEquals(-0.6, Metrics.kendall(NX, NY), TOL);
    }

    @Test
    void weightedTauMatchesScipyDefaultAndRankNone() {
        assertEquals(0.5725436179981633, Metrics.weightedTau(AX, AY), TOL);
        assertEquals(0.6100397918579736, Metrics.weightedTauRankedBy(AX, AY), TOL);
        assertEquals(0.5350474441383531, Metrics.weightedTauRankedBy(AY, AX), TOL);
        assertEquals(0.8223264385030395, Metrics.weightedTau(TX, TY), TOL);
        assertEquals(0.8220413509649795, Metrics.weightedTauRankedBy(TX, TY), TOL);
        assertEquals(0.8226115260410997, Metrics.weightedTauRankedBy(TY, TX), TOL);
        assertEquals(-0.6313868613138687, Metrics.weightedTau(NX, NY), TOL);
        assertEquals(-0.543795620437956, Metrics.weightedTauRankedBy(NX, NY), TOL);
        assertEquals(-0.7189781021897812, Metrics.weightedTauRankedBy(NY, NX), TOL);
    }

    @Test
    void undefinedForConstantInput() {
        double[] c = {1, 1, 1};
        double[] y = {1, 2, 3};
        assertTrue(Double.isNaN(Metrics.pearson(c, y)));
        assertTrue(Double.isNaN(Metrics.kendall(c, y)));
        assertTrue(Double.isNaN(Metrics.weightedTau(c, y)));
    }

    @Test
    void regretAndHitRateByHand() {
        double[] truth = {0.5, 0.9, 0.7, 0.8};
        double[] pred = {0.6, 0.2, 0.9, 0.1};
        assertEquals(0.2, Metrics.regret(pred, truth), 1e-12);
        assertEquals(0.0, Metrics.hitAtK(pred, truth, 2));
        assertEquals(1.0, Metrics.hitAtK(pred, truth, 3));
        assertEquals(0.0, Metrics.regret(truth, truth));
    }

    @Test
    void ranksAverageTies() {
        assertEquals(java.util.List.of(1.0, 2.5, 2.5, 4.0),
                java.util.Arrays.stream(Metrics.ranks(new double[] {1, 3, 3, 7})).boxed().toList());
    }
}
