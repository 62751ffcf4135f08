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

    /** Something the user should know (a halved batch, a cache hit). */
    default void warn(String message) {
    }

    /**
     * {@code modelId}'s extraction skipped these unreadable images ({@code path: reason} each); by default one
     * {@link #warn} line. A listener that keeps what a run did overrides it to keep the files as they are.
     */
    default void skipped(String modelId, java.util.List<String> files) {
        warn("warning: skipped " + files.size() + " unreadable image(s): " + String.join("; ", files));
    }

    /** A note about the dataset (files in the class folders that are not images); by default a {@link #warn} line. */
    default void note(String text) {
        warn("note: " + text);
    }

    static ExtractionListener silent() {
        return new ExtractionListener() { };
    }
}
