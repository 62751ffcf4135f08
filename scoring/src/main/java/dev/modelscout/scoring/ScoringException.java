package dev.modelscout.scoring;

import dev.modelscout.core.ModelScoutException;

/** Bad input to a transferability score, or a score that is undefined on its input; one line, names the input. */
public class ScoringException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public ScoringException(String message) {
        super(message);
    }

    public ScoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
