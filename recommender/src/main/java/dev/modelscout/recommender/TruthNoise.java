package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How well the true accuracies that a ranking is held against are themselves known, and what that means for the
 * ranking's quality: each true accuracy's standard error, whether the recommender's first pick is within noise of
 * the truly best, and an interval for Kendall's tau from a bootstrap of the truth.
 *
 * <p>The bootstrap draws {@link #REPLICATES} truths: where the per-seed accuracies are known, each backbone's truth
 * is the mean of its seeds drawn with replacement (the seeds vary the training set, the head and the batch order);
 * else it is the accuracy plus its standard error times a standard normal draw. Kendall's tau between the predicted
 * and each drawn truth gives the percentile interval. Seeded: the same inputs give the same interval.
 *
 * @param standardErrors model -> standard error of its true accuracy (given, or the seeds' standard deviation /
 *                       sqrt(seeds))
 * @param basis          how the bootstrap drew the truth, for people
 * @param best           the truly best model
 * @param top1           the recommender's first pick
 * @param gap            the truly best accuracy minus the first pick's (0 when it is the best)
 * @param gapSe          the standard error of that gap, sqrt(se(best)^2 + se(top1)^2)
 * @param kendallLow     2.5th percentile of Kendall's tau over the drawn truths
 * @param kendallHigh    97.5th percentile
 */
public record TruthNoise(Map<String, Double> standardErrors, String basis, String best, String top1, double gap,
                         double gapSe, double kendallLow, double kendallHigh) {

    /** Drawn truths of the bootstrap. */
    public static final int REPLICATES = 2000;

    public TruthNoise {
        standardErrors = Map.copyOf(standardErrors);
    }

    /**
     * The noise of {@code truth} for the ranking {@code ranked} (best first), or empty when neither standard errors
     * nor per-seed accuracies are known for every ranked backbone with a true accuracy.
     *
     * @param ses   model -> standard error (may be empty)
     * @param seeds model -> per-seed accuracies (may be empty); used for the bootstrap when every backbone has two or more
     */
    public static Optional<TruthNoise> of(List<Prediction> ranked, Map<String, Double> truth, Map<String, Double> ses,
            Map<String, double[]> seeds) {
        List<Prediction> known = ranked.stream().filter(p -> truth.get(p.model()) != null
                && Double.isFinite(truth.get(p.model()))).toList();
        if (known.size() < 2) {
            return Optional.empty();
        }
        boolean bySeeds = known.stream().allMatch(p -> seeds.containsKey(p.model()) && seeds.get(p.model()).length >= 2);
        Map<String, Double> se = new LinkedHashMap<>();
        for (Prediction p : known) {
            Double given = ses.get(p.model());
            if (given != null && Double.isFinite(given)) {
                se.put(p.model(), given);
            } else if (seeds.containsKey(p.model()) && seeds.get(p.model()).length >= 2) {
                se.put(p.model(), standardError(seeds.get(p.model())));
            }
        }
        if (se.size() < known.size()) {
            return Optional.empty();
        }
        int n = known.size();
        double[] predicted = new double[n];
        double[] accuracy = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = known.get(i).predicted();
            accuracy[i] = truth.get(known.get(i).model());
        }
        int b = 0;
        for (int i = 1; i < n; i++) {
            if (accuracy[i] > accuracy[b]) {
                b = i;
            }
        }
        String best = known.get(b).model();
        String top1 = known.get(0).model();
        double gap = accuracy[b] - accuracy[0];
        double gapSe = b == 0 ? 0 : Math.hypot(se.get(best), se.get(top1));
        double[] interval = kendallInterval(known.stream().map(Prediction::model).toList(), predicted, truth, se, seeds);
        double low = interval[0];
        double high = interval[1];
        String basis = bySeeds
                ? "bootstrap over the seeds: each backbone's seeds drawn with replacement, " + REPLICATES + " draws"
                : "each true accuracy drawn from a normal with its standard error, " + REPLICATES + " draws";
        return Optional.of(new TruthNoise(se, basis, best, top1, gap, gapSe, low, high));
    }

    /**
     * The 2.5th and 97.5th percentiles of Kendall's tau between {@code ranking} (one value per model, higher first)
     * and truths drawn as {@link #of} draws them ({@link #REPLICATES} draws, the same seed): by the seeds when every
     * model has two or more, else from a normal with its standard error. Any ranking of the same models (the
     * recommender's, a single score's) is held against the same noise. {NaN, NaN} when a model has neither a
     * standard error nor seeds, or below two models.
     *
     * @param se model -> standard error of its true accuracy
     */
    public static double[] kendallInterval(List<String> models, double[] ranking, Map<String, Double> truth,
            Map<String, Double> se, Map<String, double[]> seeds) {
        int n = models.size();
        boolean bySeeds = models.stream().allMatch(m -> seeds.containsKey(m) && seeds.get(m).length >= 2);
        if (n < 2 || (!bySeeds && !models.stream().allMatch(m -> se.get(m) != null && Double.isFinite(se.get(m))))) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(20_261_207L);
        double[] taus = new double[REPLICATES];
        double[] drawn = new double[n];
        for (int r = 0; r < REPLICATES; r++) {
            for (int i = 0; i < n; i++) {
                String m = models.get(i);
                drawn[i] = bySeeds ? resampledMean(seeds.get(m), random) : truth.get(m) + se.get(m) * gaussian(random);
            }
            taus[r] = Metrics.kendall(ranking, drawn);
        }
        double[] finite = Arrays.stream(taus).filter(Double::isFinite).sorted().toArray();
        double low = finite.length == 0 ? Double.NaN : finite[(int) Math.floor(0.025 * (finite.length - 1))];
        double high = finite.length == 0 ? Double.NaN : finite[(int) Math.ceil(0.975 * (finite.length - 1))];
        return new double[] {low, high};
    }

    /** The standard error of the mean of {@code xs}: the sample standard deviation / sqrt(n); NaN below two values. */
    public static double standardError(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(xs).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (xs.length - 1) / xs.length);
    }

    /** The first pick's distance from the truly best in standard errors of the gap (0 when it is the best). */
    public double gapInStandardErrors() {
        return gap == 0 ? 0 : gapSe == 0 ? Double.POSITIVE_INFINITY : gap / gapSe;
    }

    /** A line for people: whether the first pick is within noise of the truly best. */
    public String top1Verdict() {
        if (best.equals(top1) || gap == 0) {
            return "rank 1 is the truly best";
        }
        double k = gapInStandardErrors();
        String numbers = String.format(java.util.Locale.ROOT, "gap %.4f, standard error of the gap %.4f", gap, gapSe);
        if (k <= 1) {
            return "rank 1 is within 1 standard error of the truly best (" + numbers + ")";
        }
        if (k <= 2) {
            return "rank 1 is within 2 standard errors of the truly best (" + numbers + ")";
        }
        return String.format(java.util.Locale.ROOT, "rank 1 is %.1f standard errors below the truly best (%s)", k, numbers);
    }

    private static double resampledMean(double[] xs, SplittableRandom random) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            s += xs[random.nextInt(xs.length)];
        }
        return s / xs.length;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller on two uniforms in (0, 1]
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Every standard error, smallest first (for a one-line summary). */
    public List<Double> sortedStandardErrors() {
        List<Double> l = new ArrayList<>(standardErrors.values());
        l.sort(Double::compare);
        return l;
    }
}
