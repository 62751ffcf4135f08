package dev.modelscout.recommender;

import dev.modelscout.core.InvalidOptionException;
import java.util.Locale;

/** What {@link HistoryReader} does with a second job for the same (dataset, model) pair. */
public enum OnDuplicate {
    /** Keep the first job, drop later ones. */
    FIRST,
    /** Keep the first job's cells, with the accuracy replaced by the mean over all its duplicates. */
    MEAN,
    /**
     * Keep the last job: reading a file, a later row replaces an earlier one (at the earlier one's
     * position); appending, a new job replaces the history's job for the same pair.
     */
    REPLACE,
    /** Fail with the file and both line numbers (the default). */
    ERROR;

    public static OnDuplicate parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--on-duplicate must be error, first, mean or replace, not '" + s + "'");
        }
    }
}
