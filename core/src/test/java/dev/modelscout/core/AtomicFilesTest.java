package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void failedWriteKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("history.csv");
        AtomicFiles.write(f, "a,b\n1,2\n");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("a,b\n".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("a,b\n1,2\n", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void newFilesAreReadableByOthersAndReplacementsKeepPermissions() throws IOException {
        Path f = dir.resolve("model.json");
        AtomicFiles.write(f, "{}");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(f, "{\"a\":1}");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("{\"a\":1}", Files.readString(f));
    }
}
