package dev.modelscout.engine;

import dev.modelscout.core.ModelScoutException;

/** A native engine could not start, or a device is not usable. */
public class EngineException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
