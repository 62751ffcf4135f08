package dev.modelscout.core;

/**
 * A setting outside its range or inconsistent with the input it applies to (a fraction above 1, a test
 * dataset the history lacks, an unknown protocol name). The CLI reports it as a usage error (exit 2) before
 * any work is done; the message is one line naming the option or setting and what is allowed.
 */
public class InvalidOptionException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }

    public InvalidOptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
