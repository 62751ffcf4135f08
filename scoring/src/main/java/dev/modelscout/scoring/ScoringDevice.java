package dev.modelscout.scoring;

import dev.modelscout.core.InvalidOptionException;
import java.util.Locale;

/**
 * Where the user asked the scores to run ({@code --scoring-device}): {@code auto} (ND4J CUDA when the build
 * carries it and its kernels cover every visible GPU, else ND4J on the CPU), {@code cpu} or {@code cuda}.
 */
public enum ScoringDevice {
    AUTO, CPU, CUDA;

    /** Parses {@code auto}, {@code cpu} or {@code cuda} (any case). */
    public static ScoringDevice parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "auto" -> AUTO;
            case "cpu" -> CPU;
            case "cuda" -> CUDA;
            default -> throw new InvalidOptionException("invalid --scoring-device '" + text
                    + "': expected auto, cpu or cuda");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
