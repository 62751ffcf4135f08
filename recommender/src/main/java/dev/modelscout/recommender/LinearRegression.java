package dev.modelscout.recommender;

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
     */
    public record Config(double lambda, boolean balanceDatasets) {
        public Config {
            if (!(lambda > 0)) {
                throw new IllegalArgumentException("lambda must be > 0, not " + lambda);
            }
        }

        /** lambda = 1: see docs/recommender.md for how it was chosen. */
        public static Config defaults() {
            return new Config(1.0, false);
        }
    }

    /** A trained ridge model: prediction = intercept + weights . encode(row). */
    public record Model(Provenance provenance, FeatureEncoding encoding, double intercept, double[] weights)
            implements Recommender {
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
        List<Job> jobs = history.jobs();
        if (jobs.isEmpty()) {
            throw new HistoryFormatException(history.source() + ": no jobs to train on");
        }
        FeatureEncoding enc = FeatureEncoding.fit(features, jobs);
        FeatureEncoding.Rows x = enc.encode(jobs);
        int n = x.size();
        int p = enc.dimension();
        double[] wt = config.balanceDatasets() ? JobWeights.datasetBalanced(jobs) : JobWeights.uniform(jobs);
        double wsum = 0;
        double ym = 0;
        for (int i = 0; i < n; i++) {
            ym += wt[i] * jobs.get(i).accuracy();
            wsum += wt[i];
        }
        ym /= wsum;
        // Weighted normal equations of the centred problem from the sparse rows:
        // Xc'WXc = X'WX - W m m', Xc'W yc = X'W yc, with m the weighted feature means and W = sum of weights.
        double[] xm = new double[p];
        double[][] a = new double[p][p];
        double[] rhs = new double[p];
        for (int i = 0; i < n; i++) {
            int[] idx = x.index()[i];
            double[] val = x.value()[i];
            double wi = wt[i];
            double yc = jobs.get(i).accuracy() - ym;
            for (int u = 0; u < idx.length; u++) {
                xm[idx[u]] += wi * val[u] / wsum;
                rhs[idx[u]] += wi * val[u] * yc;
                for (int v = 0; v < idx.length; v++) {
                    a[idx[u]][idx[v]] += wi * val[u] * val[v];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                a[j][k] -= wsum * xm[j] * xm[k];
            }
            a[j][j] += config.lambda();
        }
        double[] w = Cholesky.solve(a, rhs);
        double b = ym;
        for (int j = 0; j < p; j++) {
            b -= xm[j] * w[j];
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lambda", Double.toString(config.lambda()));
        settings.put("balanceDatasets", Boolean.toString(config.balanceDatasets()));
        Provenance prov = new Provenance(NAME, settings, 0, history.source(), history.sha256(), n, features.labels());
        return new Model(prov, enc, b, w);
    }

    public Config config() {
        return config;
    }
}
