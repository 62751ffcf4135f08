package dev.modelscout.recommender;

import dev.modelscout.core.ModelScoutException;

/** A history that cannot train a recommender (no jobs left to train on, e.g. after a filter). The message names the history. */
public class TrainingDataException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public TrainingDataException(String message) {
        super(message);
    }

    public TrainingDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The history's jobs, refused when there are none. */
    static java.util.List<Job> requireJobs(TrainingHistory history) {
        if (history.size() == 0) {
            throw new TrainingDataException(history.source() + ": no jobs to train on");
        }
        return history.jobs();
    }
}
