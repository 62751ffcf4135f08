package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * LogME (You et al., ICML 2021): the log marginal evidence of a Bayesian linear model that predicts
 * each class's one-hot column from the features, maximised over the prior precision alpha and the
 * noise precision beta by thuml/LogME's fixed-point iteration, divided by N and averaged over classes.
 *
 * <p>Range: any real number, usually between about -1 and 3; higher is better.
 *
 * <p>How: one symmetric eigendecomposition of F^T F (D x D), or of the Gram matrix F F^T when N &lt; D.
 * With eigenvalues s_i and projections p_ic = v_i^T F^T y_c, every quantity of the iteration is a sum
 * over i (gamma = sum s/(s+t), |m|^2 = sum p^2/(s+t)^2, |y - F m|^2 = n_c - sum p^2 (s+2t)/(s+t)^2,
 * t = alpha/beta), so after the decomposition nothing touches F again and all classes are solved at once.
 * The iteration (start alpha = beta = 1, at most 11 steps, stop when t changes by at most 0.1%,
 * epsilon 1e-5) is the reference's, so on N &gt; D the results agree with it to rounding.
 *
 * <p>Unlike the reference, the evidence is exact also when N &lt; D or F is rank deficient: the
 * log det term {@code -1/2 sum_i log(alpha + beta s_i)} runs over all D eigenvalues, zeros included;
 * the reference drops the {@code -(D - rank)/2 log alpha} part and overstates wide cases (2.27 instead of
 * 0.024 on the fixture case wide_N60_D96_C4).
 */
public final class LogMe implements TransferabilityScore {

    static final int MAX_ITERATIONS = 11;
    static final double EPSILON = 1e-5;
    static final double TOLERANCE = 1e-3;

    @Override
    public String name() {
        return "logme";
    }

    /** The per-class result of the fixed-point iteration (alpha, beta, evidence / N). */
    public record ClassFit(double alpha, double beta, double evidence) {
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        ClassFit[] fits = fit(features, labels);
        double sum = 0;
        for (ClassFit f : fits) {
            sum += f.evidence();
        }
        return ScoreInputs.finite(name(), sum / fits.length);
    }

    /** The fit of every class (exposed for tests against the reference's alphas and betas). */
    public ClassFit[] fit(FeatureMatrix features, Labels labels) {
        Labels y = ScoreInputs.check(name(), features, labels);
        int n = features.rows();
        int d = features.cols();
        int c = y.numClasses();
        double[] f = features.data();
        int[] ids = y.ids();
        int k; // number of eigenvalues computed
        double[] sigma;
        double[] p2; // k x c squared projections
        if (n >= d) {
            k = d;
            double[] b = new double[d * c]; // F^T Y
            for (int i = 0; i < n; i++) {
                int off = i * d;
                int cls = ids[i];
                for (int j = 0; j < d; j++) {
                    b[j * c + cls] += f[off + j];
                }
            }
            // eigenvalues of F^T F and V^T F^T Y, without forming V (the vectors field holds V^T B)
            Linalg.Eigen e = Linalg.projectedEigen(Linalg.gram(f, n, d), d, b, c);
            sigma = e.values();
            double[] p = e.vectors();
            p2 = new double[k * c];
            for (int i = 0; i < p.length; i++) {
                p2[i] = p[i] * p[i];
            }
        } else {
            k = n;
            Linalg.Eigen e = Linalg.eigh(Linalg.outerGram(f, n, d), n);
            sigma = e.values();
            double[] u = e.vectors();
            // q = U^T Y (n x c): column sums of U's rows per class; p^2 = s * q^2
            double[] q = new double[n * c];
            for (int r = 0; r < n; r++) {
                int cls = ids[r];
                for (int i = 0; i < n; i++) {
                    q[i * c + cls] += u[r * n + i];
                }
            }
            p2 = new double[k * c];
            for (int i = 0; i < k; i++) {
                double s = Math.max(sigma[i], 0);
                for (int cls = 0; cls < c; cls++) {
                    p2[i * c + cls] = s * q[i * c + cls] * q[i * c + cls];
                }
            }
        }
        boolean allZero = true;
        for (int i = 0; i < k; i++) {
            sigma[i] = Math.max(sigma[i], 0); // round-off negatives of a PSD matrix
            allZero &= sigma[i] == 0;
        }
        if (allZero) {
            throw new UndefinedScoreException(name() + ": all features are zero, the evidence is undefined");
        }
        int[] counts = y.counts();
        ClassFit[] fits = new ClassFit[c];
        double[] pc = new double[k];
        for (int cls = 0; cls < c; cls++) {
            for (int i = 0; i < k; i++) {
                pc[i] = p2[i * c + cls];
            }
            fits[cls] = fitClass(sigma, pc, counts[cls], n, d);
        }
        return fits;
    }

    /**
     * The fixed-point iteration for one target column with squared norm {@code yy}, given the k
     * eigenvalues computed (the other d - k are zero, with zero projections).
     */
    static ClassFit fitClass(double[] sigma, double[] p2, double yy, int n, int d) {
        int k = sigma.length;
        double alpha = 1;
        double beta = 1;
        double m2 = 0;
        double res2 = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double t = alpha / beta;
            double gamma = 0;
            m2 = 0;
            double fitted = 0;
            for (int i = 0; i < k; i++) {
                double s = sigma[i];
                double st = s + t;
                double inv2 = 1 / (st * st);
                gamma += s / st;
                m2 += p2[i] * inv2;
                fitted += p2[i] * (s + 2 * t) * inv2;
            }
            res2 = yy - fitted;
            alpha = gamma / (m2 + EPSILON);
            beta = (n - gamma) / (res2 + EPSILON);
            double tNew = alpha / beta;
            if (Math.abs(tNew - t) / t <= TOLERANCE) {
                break;
            }
        }
        double logDet = (d - k) * Math.log(alpha);
        for (int i = 0; i < k; i++) {
            logDet += Math.log(alpha + beta * sigma[i]);
        }
        double evidence = d / 2.0 * Math.log(alpha) + n / 2.0 * Math.log(beta) - 0.5 * logDet
                - beta / 2.0 * res2 - alpha / 2.0 * m2 - n / 2.0 * Math.log(2 * Math.PI);
        return new ClassFit(alpha, beta, evidence / n);
    }
}
