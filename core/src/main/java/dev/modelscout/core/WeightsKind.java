package dev.modelscout.core;

/**
 * The three places a backbone's weights can come from, told apart by the {@link Backbone#weights()} text:
 * {@code djl://...} is a DJL model-zoo URL, {@code builtin:NAME} an architecture built in DJL, anything
 * else a TorchScript file.
 */
public enum WeightsKind {
    /** A TorchScript file on disk. */
    FILE,
    /** A DJL model-zoo URL such as {@code djl://ai.djl.pytorch/resnet}; needs the network once. */
    DJL_URL,
    /** An architecture built in DJL with seeded random weights, e.g. {@code builtin:resnet18}. */
    BUILTIN;

    public static final String DJL_PREFIX = "djl://";
    public static final String BUILTIN_PREFIX = "builtin:";

    public static WeightsKind of(String weights) {
        if (weights.startsWith(DJL_PREFIX)) {
            return DJL_URL;
        }
        if (weights.startsWith(BUILTIN_PREFIX)) {
            return BUILTIN;
        }
        return FILE;
    }
}
