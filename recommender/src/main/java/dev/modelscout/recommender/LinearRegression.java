package dev.modelscout.recommender;

import dev.modelscout.core.InvalidOptionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ridge regression in closed form: minimises sum_i (y_i - b - w.x_i)^2 + lambda |w|^2 (the intercept b is
 * not penalised), solved by Cholesky on the p x p normal equations of the centred problem. Deterministic.
 */
public final class LinearRegression implements Trainer {

    public static final String NAME = "linear-regression";

    /**
     * @param lambda          L2 penalty on the weights (sum-of-squares loss), &gt; 0
     * @param balanceDatasets weigh each job by 1 / (its dataset's accuracy variance), see JobWeights
     * @param tuneLambda      candidate lambdas chosen by {@link InnerValidation} on the training history
     *                        (empty: no tuning, lambda is used)
     */
    public record Config(double lambda, boolean balanceDatasets, List<Double> tuneLambda) {
        public Config {
            tuneLambda = tuneLambda == null ? List.of() : List.copyOf(tuneLambda);
            if (!(lambda > 0)) {
                throw new InvalidOptionException("lambda must be > 0, not " + lambda);
            }
        }

        /** lambda = 1: see docs/recommender.md for how it was chosen. */
        public static Config defaults() {
            return new Config(1.0, false, TUNE_GRID);
        }

        /** The lambda grid tried by inner cross-validation (the default). */
        public static final List<Double> TUNE_GRID = List.of(0.3, 1.0, 3.0, 10.0, 30.0);

        /** A fixed lambda (no inner tuning). */
        public static Config fixed(double lambda) {
            return new Config(lambda, false, List.of());
        }

        public Config withLambda(double l) {
            return new Config(l, balanceDatasets, tuneLambda);
        }

        public Config withBalanceDatasets(boolean b) {
            return new Config(lambda, b, tuneLambda);
        }

        /** The lambda values tried by inner cross-validation; empty: use lambda as given. */
        public Config withTuneLambda(List<Double> grid) {
            return new Config(lambda, balanceDatasets, grid);
        }
    }

    /** A trained ridge model: prediction = intercept + weights . encode(row). */
    public record Model(Provenance provenance, FeatureEncoding encoding, double intercept, double[] weights)
            implements EncodedRecommender {
        public Model {
            if (encoding == null || weights == null || weights.length != encoding.dimension()) {
                throw new IllegalArgumentException("ridge: " + (weights == null ? "no" : weights.length) + " weights for "
                        + (encoding == null ? "no" : encoding.dimension()) + " features");
            }
            Checks.finite("ridge intercept", intercept);
            Checks.finite("ridge weights", weights);
        }


        @Override
        public double[] predict(List<Job> rows) {
            FeatureEncoding.Rows x = encoding.encode(rows);
            double[] p = new double[rows.size()];
            for (int i = 0; i < p.length; i++) {
                double s = intercept;
                int[] idx = x.index()[i];
                double[] val = x.value()[i];
                for (int j = 0; j < idx.length; j++) {
                    s += weights[idx[j]] * val[j];
                }
                p[i] = s;
            }
            return p;
        }
    }

    private final Config config;

    public LinearRegression(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Recommender train(TrainingHistory history, FieldSpec features) {
        return InnerValidation.tunedFit(history, features, config.tuneLambda(), "lambda",
                l -> new LinearRegression(config.withLambda(l).withTuneLambda(List.of())),
                (l, tuning) -> fit(history, features, l == null ? config : config.withLambda(l), tuning));
    }

    private Recommender fit(TrainingHistory history, FieldSpec features, Config config, Map<String, String> tuning) {
        List<Job> jobs = TrainingDataException.requireJobs(history);
        FeatureEncoding enc = FeatureEncoding.fit(features, jobs);
        FeatureEncoding.Rows x = enc.encode(jobs);
        int n = x.size();
        int p = enc.dimension();
        double[] wt = config.balanceDatasets() ? JobWeights.datasetBalanced(jobs) : JobWeights.uniform(jobs);
        double lambda = config.lambda();
        // Features that are non-zero on a single training row (e.g. the one-hot of a model seen once) are
        // eliminated exactly: minimising wt (r - v w)^2 + lambda w^2 over w leaves wt lambda / (lambda + wt v^2) r^2,
        // i.e. a smaller weight on that row, and w = wt v r / (lambda + wt v^2) once the residual r is known.
        int[] nnz = new int[p];
        for (int[] idx : x.index()) {
            for (int f : idx) {
                nnz[f]++;
            }
        }
        int[] reduced = new int[p];
        int q = 0;
        for (int f = 0; f < p; f++) {
            reduced[f] = nnz[f] >= 2 ? q++ : -1;
        }
        double[] s2 = new double[n];
        double[] we = new double[n];
        double wsum = 0;
        double ym = 0;
        for (int i = 0; i < n; i++) {
            int[] idx = x.index()[i];
            double[] val = x.value()[i];
            for (int u = 0; u < idx.length; u++) {
                if (reduced[idx[u]] < 0) {
                    s2[i] += val[u] * val[u];
                }
            }
            we[i] = wt[i] * lambda / (lambda + wt[i] * s2[i]);
            ym += we[i] * jobs.get(i).accuracy();
            wsum += we[i];
        }
        ym /= wsum;
        // Weighted normal equations of the centred reduced problem from the sparse rows:
        // Xc'WXc = X'WX - W m m', Xc'W yc = X'W yc, with m the weighted feature means and W = sum of weights.
        double[] xm = new double[q];
        double[][] a = new double[q][q];
        double[] rhs = new double[q];
        for (int i = 0; i < n; i++) {
            int[] idx = x.index()[i];
            double[] val = x.value()[i];
            double wi = we[i];
            double yc = jobs.get(i).accuracy() - ym;
            for (int u = 0; u < idx.length; u++) {
                int ru = reduced[idx[u]];
                if (ru < 0) {
                    continue;
                }
                xm[ru] += wi * val[u] / wsum;
                rhs[ru] += wi * val[u] * yc;
                for (int v = 0; v < idx.length; v++) {
                    int rv = reduced[idx[v]];
                    if (rv >= 0) {
                        a[ru][rv] += wi * val[u] * val[v];
                    }
                }
            }
        }
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < q; k++) {
                a[j][k] -= wsum * xm[j] * xm[k];
            }
            a[j][j] += lambda;
        }
        double[] wr = q == 0 ? new double[0] : Cholesky.solve(a, rhs);
        double b = ym;
        for (int j = 0; j < q; j++) {
            b -= xm[j] * wr[j];
        }
        double[] w = new double[p];
        for (int f = 0; f < p; f++) {
            if (reduced[f] >= 0) {
                w[f] = wr[reduced[f]];
            }
        }
        for (int i = 0; i < n; i++) {
            if (s2[i] == 0) {
                continue;
            }
            int[] idx = x.index()[i];
            double[] val = x.value()[i];
            double r = jobs.get(i).accuracy() - b;
            for (int u = 0; u < idx.length; u++) {
                if (reduced[idx[u]] >= 0) {
                    r -= w[idx[u]] * val[u];
                }
            }
            for (int u = 0; u < idx.length; u++) {
                if (reduced[idx[u]] < 0) {
                    w[idx[u]] = wt[i] * val[u] * r / (lambda + wt[i] * s2[i]);
                }
            }
        }
        Map<String, String> settings = new LinkedHashMap<>(Provenance.settingsOf(config));
        settings.putAll(tuning);
        Provenance prov = new Provenance(NAME, settings, 0, history.source(), history.sha256(), n, features.labels());
        return new Model(prov, enc, b, w);
    }

    public Config config() {
        return config;
    }
}
