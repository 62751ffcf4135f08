package dev.modelscout.recommender;

import dev.modelscout.core.ModelScoutException;

/**
 * A training history or a rows file that cannot be read. The message
 * is one line and names the file and, where it applies, the line and column ({@code file:line:column}).
 */
public class HistoryFormatException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public HistoryFormatException(String message) {
        super(message);
    }

    public HistoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    static HistoryFormatException at(String source, long line, int column, String columnName, String what) {
        return new HistoryFormatException(source + ":" + line + ":" + column + ": column '" + columnName + "': " + what);
    }
}
