package dev.modelscout.cli;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of an output path before any work is done, so a long run never fails at its last step. */
final class OutputPaths {

    private OutputPaths() {
    }

    /** {@link #requireWritable} and a name ending in one of {@code extensions} (e.g. ".csv", ".json"). */
    static void require(Path file, String option, String... extensions) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (java.util.Arrays.stream(extensions).noneMatch(n::endsWith)) {
            throw new InvalidOptionException(file + ": " + option + " must end in " + String.join(" or ", extensions));
        }
        requireWritable(file);
    }

    /**
     * Refuses {@code file} when it cannot be written ({@link AtomicFiles#checkTarget}): it is a folder, a device,
     * FIFO or other special file, a read-only file, a name in a folder that does not exist (folders are never
     * created for an output), or under something that is not a folder ({@code /dev/null/x.json}), or in a folder
     * this process cannot write.
     */
    static void requireWritable(Path file) {
        Path target;
        try {
            target = AtomicFiles.checkTarget(file);
        } catch (java.io.IOException e) {
            throw new InvalidOptionException(file + ": " + dev.modelscout.core.IoErrors.reason(e));
        }
        if (!Files.isWritable(target.getParent())) {
            throw new InvalidOptionException(file + ": cannot be created: no permission to write in " + target.getParent());
        }
    }
}
