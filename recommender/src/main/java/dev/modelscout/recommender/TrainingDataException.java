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
}
