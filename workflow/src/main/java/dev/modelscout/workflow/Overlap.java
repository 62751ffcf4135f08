package dev.modelscout.workflow;

import dev.modelscout.core.InvalidOptionException;
import java.util.Locale;

/**
 * When the scores of one backbone overlap the extraction of the next ({@link OverlapPolicy}): {@link #AUTO} when the
 * features are extracted on CUDA, {@link #ON} always, {@link #OFF} never. The command line reads it once, from the
 * system property {@value #PROPERTY}, and passes it in.
 */
public enum Overlap {
    AUTO, ON, OFF;

    /** The system property that sets it: {@code auto} (default), {@code true}, {@code false}. */
    public static final String PROPERTY = "modelscout.overlap";

    /**
     * {@code auto}, {@code true} or {@code false} (any case; null or blank: auto).
     *
     * @throws InvalidOptionException for anything else, naming the property
     */
    public static Overlap parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> AUTO;
            case "true" -> ON;
            case "false" -> OFF;
            default -> throw new InvalidOptionException("-D" + PROPERTY + "=" + value
                    + ": out of range (allowed: auto, true, false)");
        };
    }
}
