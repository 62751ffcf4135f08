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
     * this process cannot write. The last is tried, not guessed from permissions: a hidden empty file is created in
     * the folder and removed (as the atomic write's temporary will be), so a folder that refuses new files whatever
     * its mode bits say ({@code /proc}, {@code /sys}, a read-only mount) fails now and not after the run.
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
        try {
            Path probe = Files.createTempFile(target.getParent(), ".modelscout-probe.", ".tmp");
            Files.delete(probe);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new InvalidOptionException(file + ": cannot be created: the folder " + target.getParent()
                    + " does not accept new files");
        }
    }

    /**
     * Refuses a folder output ({@code --save DIR}, {@code extract --out DIR}, {@code --cache DIR}) that names a
     * file or anything else that is not a folder, or whose parent folder does not exist.
     */
    static void requireFolder(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidOptionException(option + " " + dir + ": is not a folder (" + option + " names a folder)");
        }
        Path parent = abs.getParent();
        if (!Files.exists(abs) && parent != null && !Files.isDirectory(parent)) {
            throw new InvalidOptionException(option + " " + dir + ": the folder " + parent + " does not exist (create it "
                    + "first; modelscout does not create folders above an output)");
        }
    }

    /** Refuses an empty or blank name given to {@code option} ({@code --dataset-id ''}). */
    static void requireName(String value, String option) {
        if (value != null && value.isBlank()) {
            throw new InvalidOptionException(option + ": empty; give a name, or leave the option out for the default");
        }
    }
}
