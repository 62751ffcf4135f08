package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void writingThroughASymbolicLinkReplacesTheTargetAndKeepsTheLink() throws IOException {
        Path real = Files.createDirectories(dir.resolve("store")).resolve("history.csv");
        Files.writeString(real, "old\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw-r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("store/history.csv"));
        AtomicFiles.write(link, "new\n");
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new\n", Files.readString(real));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    }

    @Test
    void aReadOnlyTargetIsRefusedAndLeftAsItIs() throws IOException {
        Path f = dir.resolve("frozen.csv");
        Files.writeString(f, "keep\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, "lost\n"));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("keep\n", Files.readString(f));
    }

    @Test
    void temporariesOfKilledWritersAreRemovedOnTheNextWrite() throws IOException {
        Path f = dir.resolve("history.csv");
        String host = AtomicFiles.hostName();
        long deadPid = ProcessHandle.current().pid() + 1_000_000;
        Path stale = Files.writeString(dir.resolve(".history.csv." + host + "." + deadPid + ".0badf00d.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".history.csv." + host + "." + ProcessHandle.current().pid()
                + ".1badf00d.tmp"), "being written");
        Path otherHostOld = Files.writeString(dir.resolve(".history.csv.far-node.123.2badf00d.tmp"), "old");
        Files.setLastModifiedTime(otherHostOld, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60)));
        Path otherHostNew = Files.writeString(dir.resolve(".history.csv.far-node.124.3badf00d.tmp"), "recent");
        AtomicFiles.write(f, "a\n");
        assertFalse(Files.exists(stale), "a dead writer's temporary is removed");
        assertFalse(Files.exists(otherHostOld), "another host's old temporary is removed");
        assertTrue(Files.exists(live), "a live writer's temporary is kept");
        assertTrue(Files.exists(otherHostNew), "another host's recent temporary is kept");
    }

    @Test
    void aFifoIsRefusedWithoutBlockingAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("history.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo available");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(fifo, "x\n"));
        assertTrue(IoErrors.reason(e).contains("not a regular file"), IoErrors.reason(e));
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther(), "still the FIFO");
    }

    @Test
    void aDeviceBehindALinkIsRefusedAndLeftAsItIs() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), Path.of("/dev/null"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(link, "x\n"));
        assertTrue(IoErrors.reason(e).contains("not a regular file"), IoErrors.reason(e));
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
        assertTrue(Files.isSymbolicLink(link));
        Files.delete(link); // the link, not /dev/null: JUnit would otherwise warn about a link leaving its folder
    }

    @Test
    void aMissingFolderIsNotCreated() {
        Path f = dir.resolve("typo").resolve("dir").resolve("h.csv");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, "x\n"));
        assertTrue(IoErrors.reason(e).contains("does not exist"), IoErrors.reason(e));
        assertFalse(Files.exists(dir.resolve("typo")), "no folder was created");
    }

    @Test
    void aDanglingLinkIntoAMissingFolderIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("h.csv"), Path.of("gone/h.csv"));
        assertThrows(IOException.class, () -> AtomicFiles.write(link, "x\n"));
        assertFalse(Files.exists(dir.resolve("gone")));
    }

    @Test
    void aDanglingLinkInAnExistingFolderCreatesItsTarget() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("h.csv"), Path.of("real.csv"));
        AtomicFiles.write(link, "x\n");
        assertEquals("x\n", Files.readString(dir.resolve("real.csv")));
        assertTrue(Files.isSymbolicLink(link));
    }
}
