package dev.modelscout.engine;

/** Hears how an extraction goes; the CLI turns it into a progress bar or plain log lines. */
public interface ExtractionListener {

    /**
     * A job of {@code models} backbones on {@code images} images each begins (said once, before the first
     * {@link #started} or {@link #cached}), so that progress can be shown for the whole job.
     */
    default void planned(int models, int images) {
    }

    /** Extraction of {@code total} images with model {@code modelId} begins. */
    default void started(String modelId, int total) {
    }

    /** {@code images} more images are done (extracted or skipped). */
    default void advanced(int images) {
    }

    /** The model is done. */
    default void finished(String modelId) {
    }

    /**
     * {@code modelId}'s features were read from the cache in {@code dir} (up to date: nothing extracted). By
     * default one {@link #warn} line; a console shows it only when asked for detail.
     */
    default void cached(String modelId, java.nio.file.Path dir) {
        warn("model " + modelId + ": features cached in " + dir + " are up to date; not extracting again");
    }

    /** Something the user should know (a halved batch, a decoder's warning). */
    default void warn(String message) {
    }

    /**
     * {@code modelId}'s extraction skipped these unreadable images ({@code path: reason} each), or its cached
     * features were made without them; by default one {@link #warn} line. Every backbone of a job hears the same
     * files: a console says them once. A listener that keeps what a run did overrides it to keep the files as they
     * are.
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
