package dev.modelscout.workflow.cluster;

import dev.modelscout.core.ModelScoutException;

/**
 * A plan, a result file or a merge that cannot be used (a missing or malformed plan, a zoo or dataset that
 * changed since planning, unfinished cells): a one-line message naming the plan and the cell or file.
 */
public class JobsException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public JobsException(String message) {
        super(message);
    }

    public JobsException(String message, Throwable cause) {
        super(message, cause);
    }
}
