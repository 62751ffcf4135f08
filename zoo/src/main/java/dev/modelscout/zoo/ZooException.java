package dev.modelscout.zoo;

import dev.modelscout.core.ModelScoutException;

/** A backbone catalog that cannot be read, is invalid, or does not hold the model asked for. */
public class ZooException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public ZooException(String message) {
        super(message);
    }

    public ZooException(String message, Throwable cause) {
        super(message, cause);
    }
}
