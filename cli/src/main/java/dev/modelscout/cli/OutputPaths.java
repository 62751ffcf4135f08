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
     * Refuses {@code file} when it cannot be written: it is a folder, a read-only file, or a path under
     * something that is not a folder ({@code /dev/null/x.json}) or under a folder this process cannot write.
     */
    static void requireWritable(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new InvalidOptionException(file + ": is a folder; give a file name");
        }
        try {
            if (Files.exists(abs) && AtomicFiles.readOnly(abs)) {
                throw new InvalidOptionException(file + ": the file is read-only");
            }
        } catch (java.io.IOException e) {
            throw new InvalidOptionException(file + ": cannot check the file: " + dev.modelscout.core.IoErrors.reason(e));
        }
        Path p = abs.getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new InvalidOptionException(file + ": cannot be created: " + p + " is not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new InvalidOptionException(file + ": cannot be created: no permission to write in " + p);
        }
    }
}
