package dev.modelscout.recommender;

import dev.modelscout.core.ModelScoutException;

/** A field spec (file or --features selection) that cannot be used: an unknown field or column, a bad type, a column the history lacks. The message is one line naming the file or the token. */
public class FieldSpecException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public FieldSpecException(String message) {
        super(message);
    }

    public FieldSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
