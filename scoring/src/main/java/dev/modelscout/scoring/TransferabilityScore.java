package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * A transferability (model-selection) score: from the features F (N x D) that a pre-trained backbone
 * gives N target images, their labels y and, for some scores, the source model's class probabilities
 * P (N x Cs), one number that predicts how well the backbone will fine-tune. Higher means better
 * transfer for every score here; each implementation documents its range.
 *
 * <p>Implementations validate their input ({@link ScoreInputs}) and throw {@link ScoringException}
 * with a one-line message on bad input; they never return NaN.
 */
public interface TransferabilityScore {

    /** The name used in the history schema ({@code score_<name>} columns) and on the command line. */
    String name();

    /** True when {@link #score} needs the source model's class probabilities P. */
    default boolean needsProbabilities() {
        return false;
    }

    /**
     * Computes the score.
     *
     * @param features      N x D features, N &gt;= 2, all finite
     * @param labels        N class ids, contiguous 0..C-1, C &gt;= 2
     * @param probabilities N x Cs source-class probabilities (rows sum to 1), or null when not needed
     * @return the score, a finite number
     * @throws ScoringException on bad input or when the score is undefined on it
     */
    double score(FeatureMatrix features, Labels labels, FeatureMatrix probabilities);
}
