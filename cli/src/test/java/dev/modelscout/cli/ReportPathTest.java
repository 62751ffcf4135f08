package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that takes {@code --report} (recommend, evaluate, select) refuses a report it could not write before
 * any work: a folder that refuses new files whatever its permission bits say ({@code /proc}, where even root cannot
 * create a file), as every other output is refused.
 */
class ReportPathTest {

    @TempDir
    Path dir;

    static final Path PROC_REPORT = Path.of("/proc/modelscout-report.html");

    /** /proc is there and refuses new files (Linux); the check is moot elsewhere. */
    private static void assumeProcRefusesFiles() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc")), "no /proc");
        try {
            Files.delete(Files.createTempFile(Path.of("/proc"), "x", ".tmp"));
            Assumptions.abort("/proc accepts new files here");
        } catch (java.io.IOException expected) {
            // the case under test
        }
    }

    @Test
    void aFolderThatRefusesNewFilesIsRefusedUpFront() {
        assumeProcRefusesFiles();
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> OutputPaths.require(PROC_REPORT, "--report", ".html"));
        assertEquals(PROC_REPORT + ": cannot be created: the folder /proc does not accept new files", e.getMessage());
    }

    @Test
    void theProbeLeavesNothingBehindInAWritableFolder() throws Exception {
        OutputPaths.require(dir.resolve("r.html"), "--report", ".html");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no probe file left, and the report itself not created");
        }
    }

    private static void refused(CliTest r) {
        r.expectExit(2).expectErr("error: " + PROC_REPORT + ": cannot be created: the folder /proc does not accept new files");
        assertFalse(r.out().contains("rank"), "nothing was ranked or evaluated:\n" + r.out());
    }

    @Test
    void recommendEvaluateAndSelectRefuseTheReportBeforeAnyWork() throws Exception {
        assumeProcRefusesFiles();
        Path history = SyntheticHistory.write(dir);
        Path images = Files.createDirectories(dir.resolve("images").resolve("cat"));
        long start = System.nanoTime();
        refused(CliTest.run("--device", "cpu", "recommend", "--report", PROC_REPORT.toString()));
        refused(CliTest.run("evaluate", "--history", history.toString(), "--recommender", "lr", "--no-tune", "--report",
                PROC_REPORT.toString()));
        refused(CliTest.run("--device", "cpu", "select", "--images", images.getParent().toString(), "--budget", "1",
                "--report", PROC_REPORT.toString()));
        assertTrue(System.nanoTime() - start < 60e9, "refused at once, not after a run");
        assertFalse(Files.exists(Path.of("select-images")), "select created no output folder");
    }
}
