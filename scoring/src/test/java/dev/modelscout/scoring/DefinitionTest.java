package dev.modelscout.scoring;

import static dev.modelscout.scoring.Fixtures.assertRelative;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import org.junit.jupiter.api.Test;

/**
 * Scores against their published definitions evaluated independently with dense numpy matrices by
 * {@code src/bench/scores/definitions.py} (same deterministic inputs), to 1e-9 relative (1e-8 where an
 * exact PCA comes first, 1e-7 for the H-score of the wide case, an ill-conditioned solve). A tall case (N=200, D=6, C=3) and a wide one (N=12, D=20, C=3).
 */
class DefinitionTest {

    private static final double TOL = 1e-9;

    /** The inputs of definitions.py: F_ij = sin(0.37 i (j+1) + 0.1 j) + 0.8 [y_i = j mod c] + 0.05 j, y_i = 7i mod c. */
    static FeatureMatrix features(int n, int d, int c) {
        double[] f = new double[n * d];
        for (int i = 0; i < n; i++) {
            int y = (i * 7) % c;
            for (int j = 0; j < d; j++) {
                f[i * d + j] = Math.sin(0.37 * i * (j + 1) + 0.1 * j) + (y == j % c ? 0.8 : 0) + 0.05 * j;
            }
        }
        return new FeatureMatrix(n, d, f);
    }

    static Labels labels(int n, int c) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 7) % c;
        }
        return Labels.remap(y);
    }

    private static void check(int n, int d, double reg, double transrate, double gbcNoPca, double gbcPca3,
            double parc, double parcPca3, double hscore, double logme) {
        FeatureMatrix f = features(n, d, 3);
        Labels y = labels(n, 3);
        String at = "n=" + n + " d=" + d + " ";
        assertRelative(reg, new RegHScore().score(f, y, null), TOL, at + "reg_hscore");
        assertRelative(transrate, new TransRate().score(f, y, null), TOL, at + "transrate");
        assertRelative(gbcNoPca, new Gbc(new Gbc.Config(0)).score(f, y, null), TOL, at + "gbc without PCA");
        assertRelative(gbcPca3, new Gbc(new Gbc.Config(3)).score(f, y, null), 1e-8, at + "gbc PCA 3");
        assertRelative(parc, new Parc().score(f, y, null), TOL, at + "parc");
        assertRelative(parcPca3, new Parc(new Parc.Config(3)).score(f, y, null), 1e-8, at + "parc PCA 3");
        // wide: cov(f) + 1e-8 I has condition ~1e9, so LU (numpy) and Cholesky (here) agree to ~1e-8 only
        assertRelative(hscore, new HScore().score(f, y, null), n < d ? 1e-7 : TOL, at + "hscore");
        assertRelative(logme, new LogMe().score(f, y, null), TOL, at + "logme");
    }

    @Test
    void scoresMatchDefinitionsWhenTall() {
        check(200, 6, 0.7179445262467185, 0.12006741109835062, -3.1741891730932674, -3.220618506671025,
                35.73535653464656, 39.01174631189191, 0.9085232319152104, -0.5599650314377742);
    }

    @Test
    void scoresMatchDefinitionsWhenWide() {
        check(12, 20, 0.4257194756924624, 29.266523262181398, -0.0366093590436285, -0.7494735661120876,
                61.05108599660169, 19.761737276312562, 1.9999999602812888, -0.7008279088506267);
    }
}
