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
    /**
     * Why {@code file} cannot be a weights file, in words (null when it is a readable regular file): not found (a
     * link whose target is gone says so), a folder, a device, FIFO or socket, or unreadable.
     */
    public static String fileProblem(java.nio.file.Path file) {
        if (!java.nio.file.Files.exists(file)) {
            return java.nio.file.Files.isSymbolicLink(file) ? "is a symbolic link to a file that does not exist" : "not found";
        }
        if (java.nio.file.Files.isDirectory(file)) {
            return "is a folder, not a TorchScript file";
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            return "is not a regular file (a device, FIFO or socket), not a TorchScript file";
        }
        if (!java.nio.file.Files.isReadable(file)) {
            return "cannot be read (permission denied)";
        }
        return null;
    }

}
