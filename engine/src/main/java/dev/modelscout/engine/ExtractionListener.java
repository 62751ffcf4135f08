package dev.modelscout.engine;

/** Hears how an extraction goes; the CLI turns it into a progress bar or plain log lines. */
public interface ExtractionListener {

    /** Extraction of {@code total} images with model {@code modelId} begins. */
    default void started(String modelId, int total) {
    }

    /** {@code images} more images are done (extracted or skipped). */
    default void advanced(int images) {
    }

    /** The model is done. */
    default void finished(String modelId) {
    }

    /** Something the user should know (skipped images, a halved batch, a cache hit). */
    default void warn(String message) {
    }

    static ExtractionListener silent() {
        return new ExtractionListener() { };
    }
}
