package dev.modelscout.recommender.guided;

import dev.modelscout.recommender.LodoResiduals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a recommender's errors on an unseen dataset move together across models, learned from its
 * leave-one-dataset-out residuals r(d, m) = actual - predicted on the training history ({@link LodoResiduals}),
 * and used to update its predictions with the target's own observed jobs.
 *
 * <p>Model: on a new target the residual of model m is r(m) = a + e(m) + noise, with a shared offset
 * a ~ N(0, tau^2) (the recommender cannot know the target's level: tau^2 = mean over datasets of the squared
 * mean residual), e a zero-mean Gaussian field over models with covariance
 * (1 - shrink) C + shrink diag(C), C(i, j) = sum_d e(d,i) e(d,j) / sqrt(n_i n_j) from the per-dataset-centred
 * residuals e(d, m) (clipped to their {@link #CLIP} and 1 - CLIP quantiles; missing jobs count as 0,
 * n_m = datasets model m has a job on; C is positive semi-definite
 * by construction, diag(C) is each model's own residual variance), and noise ~ N(0, noise^2) (run-to-run
 * spread of a fine-tune). A model without residuals (not in the history) gets no correlation and twice the mean
 * variance. Conditioning on the observed jobs (Gaussian process regression, the recommender's predictions as
 * prior mean) gives every untried model's posterior mean and deviation: observing that the target is easier
 * than predicted lifts every prediction (the offset), and observing a model better than predicted lifts the
 * models whose errors went with it on the history's datasets (the target's own factors, the recommender-system
 * cold-start update). Cost per update: O(models x observed x datasets + observed^3).
 */
public final class ResidualField {

    /** Centred residuals are clipped to their CLIP and 1 - CLIP quantiles (failed runs are not a model's variance). */
    static final double CLIP = 0.02;

    private final int datasets;
    private final Map<String, double[]> loadings;
    private final Map<String, Double> variance;
    private final double offsetVariance;
    private final double unseenVariance;
    private final double shrink;
    private final double noise;

    private ResidualField(int datasets, Map<String, double[]> loadings, Map<String, Double> variance,
                          double offsetVariance, double unseenVariance, double shrink, double noise) {
        this.datasets = datasets;
        this.loadings = loadings;
        this.variance = variance;
        this.offsetVariance = offsetVariance;
        this.unseenVariance = unseenVariance;
        this.shrink = shrink;
        this.noise = noise;
    }

    /**
     * The field of {@code residuals}.
     *
     * @param shrink weight of the diagonal in the model covariance, in [0, 1]
     * @param noise  observation noise (standard deviation of a fine-tune's accuracy), &gt;= 0
     */
    public static ResidualField of(LodoResiduals residuals, double shrink, double noise) {
        if (!(shrink >= 0 && shrink <= 1) || !(noise >= 0)) {
            throw new IllegalArgumentException("residual field: shrink " + shrink + " not in [0,1] or noise " + noise + " < 0");
        }
        List<String> ds = residuals.datasets();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            index.put(ds.get(i), i);
        }
        int d = ds.size();
        double[] sum = new double[d];
        int[] count = new int[d];
        for (LodoResiduals.Residual r : residuals.residuals()) {
            int k = index.get(r.dataset());
            sum[k] += r.value();
            count[k]++;
        }
        double tau2 = 0;
        for (int k = 0; k < d; k++) {
            sum[k] /= count[k];
            tau2 += sum[k] * sum[k];
        }
        tau2 = d == 0 ? 0 : tau2 / d;
        double[] centred = new double[residuals.residuals().size()];
        for (int i = 0; i < centred.length; i++) {
            LodoResiduals.Residual r = residuals.residuals().get(i);
            centred[i] = r.value() - sum[index.get(r.dataset())];
        }
        double[] sorted = centred.clone();
        java.util.Arrays.sort(sorted);
        double lo = sorted.length == 0 ? 0 : sorted[(int) Math.floor(CLIP * (sorted.length - 1))];
        double hi = sorted.length == 0 ? 0 : sorted[(int) Math.ceil((1 - CLIP) * (sorted.length - 1))];
        Map<String, double[]> raw = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < centred.length; i++) {
            LodoResiduals.Residual r = residuals.residuals().get(i);
            int k = index.get(r.dataset());
            raw.computeIfAbsent(r.model(), m -> new double[d])[k] = Math.max(lo, Math.min(hi, centred[i]));
            seen.merge(r.model(), 1, Integer::sum);
        }
        Map<String, double[]> loadings = new HashMap<>();
        Map<String, Double> variance = new HashMap<>();
        double meanVariance = 0;
        for (Map.Entry<String, double[]> e : raw.entrySet()) {
            double scale = 1 / Math.sqrt(seen.get(e.getKey()));
            double[] g = e.getValue().clone();
            double v = 0;
            for (int k = 0; k < d; k++) {
                g[k] *= scale;
                v += g[k] * g[k];
            }
            loadings.put(e.getKey(), g);
            variance.put(e.getKey(), v);
            meanVariance += v;
        }
        meanVariance = raw.isEmpty() ? 0.01 : meanVariance / raw.size();
        return new ResidualField(d, loadings, variance, tau2, 2 * meanVariance, shrink, noise);
    }

    /** Prior variance of the residual of {@code model} on a new target (offset + own + noise). */
    public double priorVariance(String model) {
        return offsetVariance + ownVariance(model) + noise * noise;
    }

    private double ownVariance(String model) {
        return variance.getOrDefault(model, unseenVariance);
    }

    /** Whether the history had jobs of {@code model}. */
    public boolean knows(String model) {
        return loadings.containsKey(model);
    }

    private double covariance(String a, double[] ga, String b, double[] gb, boolean same) {
        double c = offsetVariance;
        if (same) {
            return c + ownVariance(a) + noise * noise;
        }
        if (ga != null && gb != null) {
            double dot = 0;
            for (int k = 0; k < datasets; k++) {
                dot += ga[k] * gb[k];
            }
            c += (1 - shrink) * dot;
        }
        return c;
    }

    /**
     * The belief about every candidate given the observed ones.
     *
     * @param models   candidate model ids (distinct)
     * @param prior    the recommender's predicted accuracy of each candidate
     * @param observed candidate index -> measured accuracy
     */
    public Belief posterior(List<String> models, double[] prior, Map<Integer, Double> observed) {
        int m = models.size();
        double[][] g = new double[m][];
        for (int i = 0; i < m; i++) {
            g[i] = loadings.get(models.get(i));
        }
        List<Integer> obs = new ArrayList<>(observed.keySet());
        int n = obs.size();
        double[] mean = prior.clone();
        double[] sd = new double[m];
        if (n == 0) {
            for (int i = 0; i < m; i++) {
                sd[i] = Math.sqrt(priorVariance(models.get(i)));
            }
            return new Belief(mean, sd);
        }
        double[][] k = new double[n][n];
        double[] resid = new double[n];
        for (int a = 0; a < n; a++) {
            int ia = obs.get(a);
            resid[a] = observed.get(ia) - prior[ia];
            for (int b = 0; b <= a; b++) {
                int ib = obs.get(b);
                double c = covariance(models.get(ia), g[ia], models.get(ib), g[ib], a == b);
                k[a][b] = c;
                k[b][a] = c;
            }
            k[a][a] += 1e-10;
        }
        double[][] l = cholesky(k);
        double[] alpha = backSolve(l, forwardSolve(l, resid));
        double[] kuo = new double[n];
        for (int i = 0; i < m; i++) {
            Double y = observed.get(i);
            if (y != null) {
                mean[i] = y;
                sd[i] = 0;
                continue;
            }
            for (int a = 0; a < n; a++) {
                int ia = obs.get(a);
                kuo[a] = covariance(models.get(i), g[i], models.get(ia), g[ia], false);
            }
            double mu = prior[i];
            for (int a = 0; a < n; a++) {
                mu += kuo[a] * alpha[a];
            }
            double[] v = forwardSolve(l, kuo);
            double var = priorVariance(models.get(i));
            for (double x : v) {
                var -= x * x;
            }
            mean[i] = mu;
            sd[i] = Math.sqrt(Math.max(var, noise * noise));
        }
        return new Belief(mean, sd);
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            l[j][j] = Math.sqrt(Math.max(d, 1e-12));
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    private static double[] forwardSolve(double[][] l, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    private static double[] backSolve(double[][] l, double[] b) {
        int n = b.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
