package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * NCE, negative conditional entropy (Tran et al., ICCV 2019), as thuml/LogME's {@code NCE.py}:
 * {@code -H(Y | Z)} where Z = argmax of the source model's probabilities (the first on ties) and the joint
 * distribution of (Y, Z) is the empirical one.
 *
 * <p>Range: [-log C, 0]; higher is better. Needs P (only its argmax is used).
 */
public final class Nce implements TransferabilityScore {

    @Override
    public String name() {
        return "nce";
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
        double[] p = probabilities.data();
        double[] joint = new double[cs * ct];
        double[] pz = new double[cs];
        for (int i = 0; i < n; i++) {
            int off = i * cs;
            int z = 0;
            for (int k = 1; k < cs; k++) {
                if (p[off + k] > p[off + z]) {
                    z = k;
                }
            }
            joint[z * ct + y.ids()[i]] += 1.0 / n;
            pz[z] += 1.0 / n;
        }
        double h = 0;
        for (int z = 0; z < cs; z++) {
            if (pz[z] == 0) {
                continue;
            }
            double hz = 0;
            for (int t = 0; t < ct; t++) {
                double q = joint[z * ct + t] / pz[z] + 1e-20; // the reference's guard against log 0
                hz -= q * Math.log(q);
            }
            h += hz * pz[z];
        }
        return ScoreInputs.finite(name(), -h);
    }
}
