package dev.modelscout.engine;

/** Hears how a fine-tuning run goes; the CLI turns it into a progress bar or log lines. */
public interface FineTuneListener {

    /** Training of {@code modelId} begins: {@code steps} optimizer steps over {@code epochs} epochs. */
    default void started(String modelId, int trainSize, int valSize, int epochs, int steps) {
    }

    /** One optimizer step is done ({@code step} is 1-based over the whole run). */
    default void stepped(int step, double loss) {
    }

    /** An epoch is done, validation included. */
    default void epochFinished(FineTuneEpoch epoch) {
    }

    /** Something the user should know (for instance that train mode has no effect on the file). */
    default void warn(String message) {
    }

    static FineTuneListener silent() {
        return new FineTuneListener() { };
    }
}
