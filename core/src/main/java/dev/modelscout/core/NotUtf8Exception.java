package dev.modelscout.core;

/** A text file holds bytes that are not UTF-8; the message is {@code file:line: not UTF-8 ...}. */
public class NotUtf8Exception extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    private final long line;

    public NotUtf8Exception(String message, long line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line of the first byte that is not UTF-8. */
    public long line() {
        return line;
    }
}
