package dev.modelscout.recommender;

import dev.modelscout.core.ModelScoutException;

/** A saved recommender (model JSON file) that cannot be read: not JSON, not a saved recommender, or parameters that do not fit together. The message is one line naming the file. */
public class RecommenderFormatException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public RecommenderFormatException(String message) {
        super(message);
    }

    public RecommenderFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
