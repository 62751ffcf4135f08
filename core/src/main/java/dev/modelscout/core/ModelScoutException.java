package dev.modelscout.core;

/**
 * Base of every exception that crosses a module boundary. Each boundary has its own subtype
 * ({@code HistoryFormatException}, {@code ExtractionException}, ...); the CLI maps all of them to
 * an exit code and a one-line message that names the file, line, column or model at fault.
 */
public class ModelScoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The backbone the error is about, or null: a typed fact, not a prefix of the message to match later. */
    private final String model;

    public ModelScoutException(String message) {
        super(message);
        this.model = null;
    }

    public ModelScoutException(String message, Throwable cause) {
        super(message, cause);
        this.model = null;
    }

    /** An error about backbone {@code model}: the message reads {@code model ID: detail}. */
    protected ModelScoutException(String model, String detail, Throwable cause) {
        super("model " + model + ": " + detail, cause);
        this.model = model;
    }

    /** The backbone this error is about, when it is about one. */
    public java.util.Optional<String> model() {
        return java.util.Optional.ofNullable(model);
    }

    /**
     * {@code e} as an error about backbone {@code model}: {@code e} itself when it already is, else a new error whose
     * message is {@code model ID: } and {@code e}'s, with {@code e} as its cause.
     */
    public static ModelScoutException about(String model, ModelScoutException e) {
        if (e.model().filter(model::equals).isPresent()) {
            return e;
        }
        return new ModelScoutException(model, e.getMessage() == null ? "" : e.getMessage(), e);
    }
}
