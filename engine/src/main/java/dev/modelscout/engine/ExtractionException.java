package dev.modelscout.engine;

import dev.modelscout.core.ModelScoutException;

/** Features could not be extracted: bad images or dataset layout, a missing or wrong model, a failed forward pass. */
public class ExtractionException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public ExtractionException(String message) {
        super(message);
    }

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
