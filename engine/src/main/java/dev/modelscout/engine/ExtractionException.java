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

    /** An error about backbone {@code model} ({@code model ID: detail}), the model kept as a field. */
    public static ExtractionException of(String model, String detail) {
        return new ExtractionException(model, detail, null);
    }

    /** As {@link #of(String, String)}, with its cause. */
    public static ExtractionException of(String model, String detail, Throwable cause) {
        return new ExtractionException(model, detail, cause);
    }

    private ExtractionException(String model, String detail, Throwable cause) {
        super(model, detail, cause);
    }
}
