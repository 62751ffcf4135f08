package dev.modelscout.core;

import java.util.Locale;

/**
 * An {@link OutOfMemoryError} as one line for the user: what was too big (where the code that ran out knows it),
 * the heap the process had, and how to give it more ({@code MODELSCOUT_JAVA_OPTS}, read by the launcher).
 */
public final class OutOfMemory {

    /** The environment variable the launcher passes to {@code java} (default {@code -Xmx8g}). */
    public static final String JAVA_OPTS = "MODELSCOUT_JAVA_OPTS";

    private OutOfMemory() {
    }

    /** The exception to report for {@code e}; {@code what} names what was too big, or is null when unknown. */
    public static ModelScoutException exception(OutOfMemoryError e, String what) {
        return new ModelScoutException(message(e, what), e);
    }

    /** The one line. */
    public static String message(OutOfMemoryError e, String what) {
        long max = Runtime.getRuntime().maxMemory();
        String heap = max == Long.MAX_VALUE ? "no limit" : String.format(Locale.ROOT, "%.1f GiB", max / (double) (1L << 30));
        String kind = e.getMessage() == null || e.getMessage().isBlank() ? "Java heap space" : e.getMessage();
        return "out of memory" + (what == null ? "" : " " + what) + " (" + kind + "; the heap is " + heap
                + "): give Java more memory, e.g. " + JAVA_OPTS + "=-Xmx16g, or use smaller inputs";
    }

    /** The first {@link OutOfMemoryError} among {@code t} and its causes, or null. */
    public static OutOfMemoryError find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError o) {
                return o;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
