package dev.modelscout.engine;

/**
 * What {@code zoo add} measures by loading a model once.
 *
 * @param parameters number of trainable parameters
 * @param featureDim length of the output feature vector (from a forward pass)
 * @param gmacs      giga multiply-accumulates per image, or null when the layers are opaque (TorchScript)
 * @param sha256     SHA-256 of the weights file, or null for builtins and URLs
 */
public record ModelMeasurement(long parameters, int featureDim, Double gmacs, String sha256) {

    /** Loads the backbone once (on the CPU) and measures it; the entry's feature dimension is not enforced. */
    public static ModelMeasurement measure(dev.modelscout.core.Backbone backbone, dev.modelscout.core.Device device,
                                           boolean online) {
        try (BackboneModel m = BackboneModel.load(backbone, device, online, false)) {
            String sha = dev.modelscout.core.WeightsKind.of(backbone.weights()) == dev.modelscout.core.WeightsKind.FILE
                    ? m.checksum() : null;
            return new ModelMeasurement(m.parameterCount(), m.featureDim(), m.gmacs(), sha);
        }
    }
}
