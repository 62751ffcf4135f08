package dev.modelscout.engine;

import dev.modelscout.core.ModelScoutException;

/**
 * Fine-tuning could not run: a backbone that cannot be trained (not a TorchScript file, missing, wrong
 * checksum, not a feature vector), a dataset that does not fit (classes differ, unreadable image), a failed
 * training step or save. The message is one line that names the model, file or image.
 */
public class FineTuneException extends ModelScoutException {

    private static final long serialVersionUID = 1L;

    public FineTuneException(String message) {
        super(message);
    }

    public FineTuneException(String message, Throwable cause) {
        super(message, cause);
    }
}
