package dev.modelscout.engine;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.util.List;

/**
 * Penultimate-layer features of one model on one dataset.
 *
 * @param modelId  the backbone's id
 * @param features N x D, one row per image that could be read
 * @param labels   the class of each row
 * @param skipped  images that could not be read, as {@code path: reason}
 * @param cached   true when read from the feature cache instead of extracted
 */
public record ExtractedFeatures(String modelId, FeatureMatrix features, Labels labels, List<String> skipped,
                                boolean cached) {

    public ExtractedFeatures {
        skipped = List.copyOf(skipped);
        if (features.rows() != labels.size()) {
            throw new IllegalArgumentException(modelId + ": " + features.rows() + " feature rows but " + labels.size() + " labels");
        }
    }
}
