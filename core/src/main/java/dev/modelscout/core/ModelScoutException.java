package dev.modelscout.core;

/**
 * Base of every exception that crosses a module boundary. Each boundary has its own subtype
 * ({@code HistoryFormatException}, {@code ExtractionException}, ...); the CLI maps all of them to
 * an exit code and a one-line message that names the file, line, column or model at fault.
 */
public class ModelScoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelScoutException(String message) {
        super(message);
    }

    public ModelScoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
