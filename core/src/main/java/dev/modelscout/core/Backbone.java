package dev.modelscout.core;

import java.util.Objects;

/**
 * One entry of the backbone catalog: what the model is (the recommender's model features) and how to
 * load and feed it (the engine's concern).
 *
 * @param id               unique id, as in the history's {@code model} column
 * @param archFamily       architecture family (resnet, vit, ...), as in {@code arch_family}
 * @param pretrainDataset  pre-training data (imagenet, imagenet21k, ...), or null when unknown
 * @param preprocessing    input recipe; {@code crop} is the input size
 * @param featureDim       dimension of the penultimate-layer feature vector
 * @param gmacs            giga multiply-accumulates per image at the input size, or null when unknown
 * @param paramsM          parameters in millions, or null when unknown
 * @param weights          where the weights are: a TorchScript file path (relative paths resolve against
 *                         the catalog file), a DJL model-zoo URL ({@code djl://...}), or
 *                         {@code builtin:NAME} for an architecture built in DJL
 * @param sha256           SHA-256 of the weights file, or null (not applicable to URLs and builtins)
 * @param sourceStats      a {@code .npy} file of {@link FeatureStats}: the backbone's features on a sample of its
 *                         pre-training data (relative paths resolve against the catalog file), or null when
 *                         unknown (random-init backbones, entries added without source images)
 */
public record Backbone(String id, String archFamily, String pretrainDataset, Preprocessing preprocessing,
                       int featureDim, Double gmacs, Double paramsM, String weights, String sha256,
                       String sourceStats) {

    public Backbone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(weights, "weights");
        if (id.isBlank()) {
            throw new IllegalArgumentException("backbone id is blank");
        }
        if (featureDim < 0) {
            throw new IllegalArgumentException(id + ": feature dimension must be >= 0 (0 = not yet measured)");
        }
    }

    /** An entry without source statistics. */
    public Backbone(String id, String archFamily, String pretrainDataset, Preprocessing preprocessing, int featureDim,
                    Double gmacs, Double paramsM, String weights, String sha256) {
        this(id, archFamily, pretrainDataset, preprocessing, featureDim, gmacs, paramsM, weights, sha256, null);
    }

    /** This entry with {@code file} as its source statistics (null: none). */
    public Backbone withSourceStats(String file) {
        return new Backbone(id, archFamily, pretrainDataset, preprocessing, featureDim, gmacs, paramsM, weights, sha256,
                file);
    }

    public int inputSize() {
        return preprocessing.crop();
    }
}
