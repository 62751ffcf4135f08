package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.FeatureStats;

/**
 * How far a target's images are from a backbone's pre-training data, in that backbone's own feature space: the
 * Euclidean distance between the target's mean feature and the source sample's mean feature, in units of the
 * source's spread, {@code ||mu_t - mu_s|| / sqrt(sum_j sigma_s,j^2)}. 0 when the means agree; about 1 when the
 * target's mean is as far from the source's as a typical source image is. Invariant to a common rescaling of the
 * features, so values are comparable between backbones. A pair field: one value per (target, backbone), like the
 * transferability scores (TransferGraph found dataset similarity to the pre-training data useful).
 */
public final class DomainDistance {

    private DomainDistance() {
    }

    /**
     * The distance of {@code target}'s features from {@code source}.
     *
     * @throws ScoringException when the dimensions differ, the target has no rows or non-finite values, or the
     *                          source has no spread
     */
    public static double of(FeatureMatrix target, FeatureStats source) {
        if (target.cols() != source.dim()) {
            throw new ScoringException("domain distance: the target's features have " + target.cols()
                    + " dimensions, the source statistics " + source.dim());
        }
        if (target.rows() == 0) {
            throw new ScoringException("domain distance: no target images");
        }
        long bad = target.firstNonFinite();
        if (bad >= 0) {
            throw new ScoringException("domain distance: feature value at row " + bad / target.cols() + ", column "
                    + bad % target.cols() + " is not finite");
        }
        double[] mu = FeatureStats.of(target).mean();
        double gap = 0;
        double spread = 0;
        for (int j = 0; j < mu.length; j++) {
            double g = mu[j] - source.mean()[j];
            gap += g * g;
            spread += source.std()[j] * source.std()[j];
        }
        if (!(spread > 0)) {
            throw new ScoringException("domain distance: the source statistics have no spread (every standard deviation"
                    + " is 0)");
        }
        return ScoreInputs.finite("domain distance", Math.sqrt(gap / spread));
    }
}
