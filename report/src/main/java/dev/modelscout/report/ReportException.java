package dev.modelscout.report;

import dev.modelscout.core.ModelScoutException;

/** An HTML report cannot be written (the file, or a runtime resource missing from this build). */
public class ReportException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
