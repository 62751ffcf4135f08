package dev.modelscout.recommender;

import dev.modelscout.core.InvalidOptionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A second-order factorization machine (the paper's S_FM):
 * y(x) = w0 + sum_i w_i x_i + sum_{i<j} &lt;v_i, v_j&gt; x_i x_j with k factors per feature, fitted to
 * squared error plus L2 penalties by alternating least squares / coordinate descent (Rendle 2011, "Fast
 * context-aware recommendations with factorization machines"): each parameter in turn is set to the exact
 * minimiser of the penalised loss given all the others, keeping residuals and the per-row factor sums
 * cached, so one sweep costs O(k * non-zeros). No learning rate; the only randomness is the seeded
 * initialisation of the factors, so training is deterministic.
 */
public final class FactorizationMachine implements Trainer {

    public static final String NAME = "factorization-machine";

    /**
     * @param factors  k, factors per feature (&gt;= 1)
     * @param lambdaW  L2 penalty on the linear weights (sum-of-squares loss)
     * @param lambdaV  L2 penalty on the factors
     * @param sweeps   ALS sweeps over all parameters
     * @param initStd  standard deviation of the normal initialisation of the factors
     * @param seed     seed of that initialisation
     * @param balanceDatasets weigh each job by 1 / (its dataset's accuracy variance), see JobWeights
     * @param tolerance stop when a sweep lowers the penalised loss by less than this fraction
     * @param tuneLambdaV candidate lambdaV values chosen by {@link InnerValidation} on the training history
     *                    (empty: no tuning, lambdaV is used)
     */
    public record Config(int factors, double lambdaW, double lambdaV, int sweeps, double initStd, long seed,
                         boolean balanceDatasets, double tolerance, List<Double> tuneLambdaV) {
        public Config {
            tuneLambdaV = tuneLambdaV == null ? List.of() : List.copyOf(tuneLambdaV);
            if (factors < 1 || sweeps < 1 || lambdaW < 0 || lambdaV < 0 || initStd < 0) {
                throw new InvalidOptionException("invalid factorization machine settings: " + factors + " factors, "
                        + sweeps + " sweeps, lambdaW " + lambdaW + ", lambdaV " + lambdaV + ", initStd " + initStd);
            }
        }

        /** See docs/recommender.md for how these were chosen. */
        public static Config defaults() {
            return new Config(8, 1.0, 5.0, 100, 0.1, 42, false, 1e-4, List.of());
        }

        /** The lambdaV grid of {@code --tune}. */
        public static final List<Double> TUNE_GRID = List.of(2.0, 5.0, 20.0);

        /** Fixed settings (no inner tuning). */
        public static Config fixed(int factors, double lambdaW, double lambdaV) {
            return new Config(factors, lambdaW, lambdaV, 100, 0.1, 42, false, 1e-4, List.of());
        }

        public Config withSeed(long s) {
            return new Config(factors, lambdaW, lambdaV, sweeps, initStd, s, balanceDatasets, tolerance, tuneLambdaV);
        }

        public Config withLambdaV(double l) {
            return new Config(factors, lambdaW, l, sweeps, initStd, seed, balanceDatasets, tolerance, tuneLambdaV);
        }

        public Config withFactors(int k) {
            return new Config(k, lambdaW, lambdaV, sweeps, initStd, seed, balanceDatasets, tolerance, tuneLambdaV);
        }

        public Config withBalanceDatasets(boolean b) {
            return new Config(factors, lambdaW, lambdaV, sweeps, initStd, seed, b, tolerance, tuneLambdaV);
        }

        /** The lambdaV values tried by inner cross-validation; empty: use lambdaV as given. */
        public Config withTuneLambdaV(List<Double> grid) {
            return new Config(factors, lambdaW, lambdaV, sweeps, initStd, seed, balanceDatasets, tolerance, grid);
        }
    }

    /** A trained FM. {@code v[f]} holds the k factors of feature f. */
    public record Model(Provenance provenance, FeatureEncoding encoding, double w0, double[] w, double[][] v)
            implements EncodedRecommender {
        public Model {
            int p = encoding == null ? -1 : encoding.dimension();
            if (w == null || v == null || w.length != p || v.length != p) {
                throw new IllegalArgumentException("factorization machine: " + (w == null ? "no" : w.length)
                        + " weights and " + (v == null ? "no" : v.length) + " factor rows for " + p + " features");
            }
            int k = p == 0 ? 0 : v[0].length;
            for (double[] vf : v) {
                if (vf == null || vf.length != k) {
                    throw new IllegalArgumentException("factorization machine: factor rows of different lengths");
                }
                Checks.finite("factorization machine factors", vf);
            }
            Checks.finite("factorization machine w0", w0);
            Checks.finite("factorization machine weights", w);
        }


        @Override
        public double[] predict(List<Job> rows) {
            FeatureEncoding.Rows x = encoding.encode(rows);
            double[] p = new double[rows.size()];
            int k = v.length == 0 ? 0 : v[0].length;
            double[] q = new double[k];
            for (int i = 0; i < p.length; i++) {
                p[i] = score(x.index()[i], x.value()[i], w0, w, v, q);
            }
            return p;
        }
    }

    static double score(int[] idx, double[] val, double w0, double[] w, double[][] v, double[] q) {
        double s = w0;
        java.util.Arrays.fill(q, 0);
        double sq = 0;
        for (int j = 0; j < idx.length; j++) {
            double xv = val[j];
            s += w[idx[j]] * xv;
            double[] vf = v[idx[j]];
            for (int f = 0; f < q.length; f++) {
                double t = vf[f] * xv;
                q[f] += t;
                sq += t * t;
            }
        }
        double inter = 0;
        for (double qf : q) {
            inter += qf * qf;
        }
        return s + 0.5 * (inter - sq);
    }

    private final Config config;

    public FactorizationMachine(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Recommender train(TrainingHistory history, FieldSpec features) {
        return InnerValidation.tunedFit(history, features, config.tuneLambdaV(), "lambdaV",
                l -> new FactorizationMachine(config.withLambdaV(l).withTuneLambdaV(List.of())),
                (l, tuning) -> fit(history, features, l == null ? config : config.withLambdaV(l), tuning));
    }

    private Recommender fit(TrainingHistory history, FieldSpec features, Config config, Map<String, String> tuning) {
        List<Job> jobs = TrainingDataException.requireJobs(history);
        FeatureEncoding enc = FeatureEncoding.fit(features, jobs);
        FeatureEncoding.Rows x = enc.encode(jobs);
        int n = x.size();
        int p = enc.dimension();
        int k = config.factors();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = jobs.get(i).accuracy();
        }
        double[] wt = config.balanceDatasets() ? JobWeights.datasetBalanced(jobs) : JobWeights.uniform(jobs);
        // Column view (feature -> rows, values) for coordinate updates.
        int[] nnz = new int[p];
        for (int[] idx : x.index()) {
            for (int f : idx) {
                nnz[f]++;
            }
        }
        int[][] colRow = new int[p][];
        double[][] colVal = new double[p][];
        for (int f = 0; f < p; f++) {
            colRow[f] = new int[nnz[f]];
            colVal[f] = new double[nnz[f]];
        }
        int[] fill = new int[p];
        for (int i = 0; i < n; i++) {
            int[] idx = x.index()[i];
            double[] val = x.value()[i];
            for (int j = 0; j < idx.length; j++) {
                int f = idx[j];
                colRow[f][fill[f]] = i;
                colVal[f][fill[f]] = val[j];
                fill[f]++;
            }
        }
        SplittableRandom rnd = new SplittableRandom(config.seed());
        double[][] v = new double[p][k];
        for (int f = 0; f < p; f++) {
            for (int g = 0; g < k; g++) {
                v[f][g] = gaussian(rnd) * config.initStd();
            }
        }
        double[] w = new double[p];
        double w0 = 0;
        double wsum = 0;
        for (int i = 0; i < n; i++) {
            w0 += wt[i] * y[i];
            wsum += wt[i];
        }
        w0 /= wsum;
        // q[g][i] = sum_f v[f][g] x_if (factor-major for locality); e[i] = prediction - y
        double[][] q = new double[k][n];
        double[] e = new double[n];
        double[] scratch = new double[k];
        for (int i = 0; i < n; i++) {
            int[] idx = x.index()[i];
            double[] val = x.value()[i];
            for (int j = 0; j < idx.length; j++) {
                for (int g = 0; g < k; g++) {
                    q[g][i] += v[idx[j]][g] * val[j];
                }
            }
            e[i] = score(idx, val, w0, w, v, scratch) - y[i];
        }
        double previous = Double.POSITIVE_INFINITY;
        int sweepsRun = 0;
        for (int sweep = 0; sweep < config.sweeps(); sweep++) {
            sweepsRun++;
            double se = 0;
            for (int i = 0; i < n; i++) {
                se += wt[i] * e[i];
            }
            double d0 = -se / wsum;
            w0 += d0;
            for (int i = 0; i < n; i++) {
                e[i] += d0;
            }
            for (int f = 0; f < p; f++) {
                int[] rows = colRow[f];
                double[] vals = colVal[f];
                double hh = 0;
                double eh = 0;
                for (int t = 0; t < rows.length; t++) {
                    double ww = wt[rows[t]];
                    hh += ww * vals[t] * vals[t];
                    eh += ww * e[rows[t]] * vals[t];
                }
                double nw = (w[f] * hh - eh) / (hh + config.lambdaW());
                double d = nw - w[f];
                if (d != 0) {
                    w[f] = nw;
                    for (int t = 0; t < rows.length; t++) {
                        e[rows[t]] += d * vals[t];
                    }
                }
            }
            for (int g = 0; g < k; g++) {
                double[] qg = q[g];
                for (int f = 0; f < p; f++) {
                    int[] rows = colRow[f];
                    double[] vals = colVal[f];
                    double vf = v[f][g];
                    double hh = 0;
                    double eh = 0;
                    for (int t = 0; t < rows.length; t++) {
                        double xv = vals[t];
                        int i = rows[t];
                        double h = xv * (qg[i] - vf * xv);
                        double ww = wt[i];
                        hh += ww * h * h;
                        eh += ww * e[i] * h;
                    }
                    double nv = (vf * hh - eh) / (hh + config.lambdaV());
                    double d = nv - vf;
                    if (d != 0) {
                        v[f][g] = nv;
                        for (int t = 0; t < rows.length; t++) {
                            double xv = vals[t];
                            int i = rows[t];
                            double h = xv * (qg[i] - vf * xv);
                            e[i] += d * h;
                            qg[i] += d * xv;
                        }
                    }
                }
            }
            double loss = 0;
            for (int i = 0; i < n; i++) {
                loss += wt[i] * e[i] * e[i];
            }
            for (int f = 0; f < p; f++) {
                loss += config.lambdaW() * w[f] * w[f];
                for (int g = 0; g < k; g++) {
                    loss += config.lambdaV() * v[f][g] * v[f][g];
                }
            }
            if (Double.isFinite(previous) && previous - loss <= config.tolerance() * Math.abs(previous)) {
                break;
            }
            previous = loss;
        }
        Map<String, String> settings = new LinkedHashMap<>(Provenance.settingsOf(config));
        settings.put("solver", "als");
        settings.put("sweepsRun", Integer.toString(sweepsRun));
        settings.putAll(tuning);
        Provenance prov = new Provenance(NAME, settings, config.seed(), history.source(), history.sha256(), n,
                new ArrayList<>(features.labels()));
        return new Model(prov, enc, w0, w, v);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    public Config config() {
        return config;
    }
}
