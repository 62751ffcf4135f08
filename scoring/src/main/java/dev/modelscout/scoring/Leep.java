package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * LEEP (Nguyen et al., ICML 2020), as thuml/LogME's {@code LEEP.py}: the mean log-likelihood of the
 * target labels under the "expected empirical predictor" that maps the source model's class
 * probabilities P through the empirical conditional P(y | z) = sum_i P_iz [y_i = y] / sum_i P_iz.
 *
 * <p>Range: (-inf, 0]; higher is better. Needs P (N x Cs). A source class that receives probability 0
 * on every image contributes nothing (the reference would divide 0 by 0).
 */
public final class Leep implements TransferabilityScore {

    @Override
    public String name() {
        return "leep";
    }

    @Override
    public boolean needsProbabilities() {
        return true;
    }

    @Override
    public double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities) {
        Labels y = ScoreInputs.checkLabels(name(), features, labels);
        int n = y.size();
        ScoreInputs.checkProbabilities(name(), probabilities, n);
        int cs = probabilities.cols();
        int ct = y.numClasses();
        int[] ids = y.ids();
        double[] p = probabilities.data();
        double[] joint = new double[ct * cs];
        double[] colSum = new double[cs];
        for (int i = 0; i < n; i++) {
            int off = i * cs;
            for (int z = 0; z < cs; z++) {
                double v = p[off + z] / n;
                joint[ids[i] * cs + z] += v;
            }
        }
        for (int t = 0; t < ct; t++) {
            for (int z = 0; z < cs; z++) {
                colSum[z] += joint[t * cs + z];
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int off = i * cs;
            int t = ids[i];
            double e = 0;
            for (int z = 0; z < cs; z++) {
                if (colSum[z] > 0) {
                    e += p[off + z] * joint[t * cs + z] / colSum[z];
                }
            }
            if (!(e > 0)) {
                throw new ScoringException(name() + ": image " + i + " gets probability 0 for its own class"
                        + " from the empirical predictor, so its log-likelihood is -infinity");
            }
            sum += Math.log(e);
        }
        return ScoreInputs.finite(name(), sum / n);
    }
}
