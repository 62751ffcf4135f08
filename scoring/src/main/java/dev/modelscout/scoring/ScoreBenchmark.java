package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A rerunnable benchmark of the scores on seeded synthetic inputs (the sizes of issue 3), for
 * {@code modelscout bench scores}. Speed is measured here, never asserted in a unit test.
 */
public final class ScoreBenchmark {

    /** One input size and the scores timed on it. */
    public record Case(String name, int n, int d, int c, List<String> scores) {
    }

    /** One timed run: the score's value and its wall time in seconds (best of the repeats). */
    public record Timing(String caseName, int n, int d, int c, String score, double value, double seconds) {
    }

    /** A synthetic input: features with a planted class signal, and labels. */
    public record Input(FeatureMatrix features, Labels labels) {
    }

    private ScoreBenchmark() {
    }

    /** The sizes of the issue: LogME at 10000 x 2048, LogME/PARC/LFC at 5000 x 1024, PARC at 20000 x 2048. */
    public static List<Case> standardCases() {
        return List.of(
                new Case("N5000_D1024_C100", 5000, 1024, 100, List.of("logme", "parc", "lfc")),
                new Case("N10000_D2048_C100", 10000, 2048, 100, List.of("logme")),
                new Case("N20000_D2048_C100", 20000, 2048, 100, List.of("parc")));
    }

    /**
     * Seeded synthetic data: labels uniform over C classes (every class present), features
     * {@code 0.5 mu_y + noise} with standard normal class centres and noise, rounded to float32 (what a
     * network outputs), so that writing them as float32 .npy loses nothing.
     */
    public static Input synthesize(int n, int d, int c, long seed) {
        Random r = new Random(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % c;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = y[i];
            y[i] = y[j];
            y[j] = t;
        }
        double[] mu = new double[c * d];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = r.nextGaussian();
        }
        double[] f = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                f[i * d + j] = (float) (0.5 * mu[y[i] * d + j] + r.nextGaussian());
            }
        }
        return new Input(new FeatureMatrix(n, d, f), Labels.remap(y));
    }

    /** Runs every score of the case {@code repeats} times on one synthetic input and keeps the best time. */
    public static List<Timing> run(Case bench, long seed, int repeats, Scores.Options options, Consumer<String> progress) {
        progress.accept("generating " + bench.name() + " (seed " + seed + ")");
        Input in = synthesize(bench.n(), bench.d(), bench.c(), seed);
        Linalg.warmUp();
        List<Timing> out = new ArrayList<>();
        for (String name : bench.scores()) {
            TransferabilityScore s = Scores.create(name, options);
            double best = Double.POSITIVE_INFINITY;
            double value = Double.NaN;
            for (int k = 0; k < Math.max(1, repeats); k++) {
                long t0 = System.nanoTime();
                value = s.score(in.features(), in.labels(), null);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                progress.accept(String.format(java.util.Locale.ROOT, "%s %s run %d: %.3f s", bench.name(), name,
                        k + 1, (System.nanoTime() - t0) / 1e9));
            }
            out.add(new Timing(bench.name(), bench.n(), bench.d(), bench.c(), name, value, best));
        }
        return out;
    }
}
