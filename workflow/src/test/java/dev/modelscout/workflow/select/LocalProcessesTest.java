package dev.modelscout.workflow.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.ModelScoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child fine-tune's process: its log, and its failure named by its error line (a shell stands in for modelscout). */
class LocalProcessesTest {

    @TempDir
    Path dir;

    @Test
    void aFailedChildIsOneErrorWithItsErrorLineAndLog() {
        Path log = LocalProcesses.log(dir.resolve("out"), "org/model");
        assertEquals(dir.resolve("out").resolve("logs").resolve("org_model.log"), log);
        ModelScoutException e = assertThrows(ModelScoutException.class, () -> LocalProcesses.run("org/model",
                List.of("/bin/sh", "-c", "echo working; echo 'error: out of memory' >&2; echo 'Try help'; exit 3"), log,
                dir.resolve("out").resolve("weights")));
        assertEquals("fine-tune of org/model failed (exit 3): error: out of memory (log: " + log + ")", e.getMessage());
        assertTrue(Files.isDirectory(dir.resolve("out").resolve("weights")), "the folder above its outputs is made");
    }

    @Test
    void aChildThatSucceedsLeavesItsCommandAndOutputInTheLog() throws Exception {
        Path log = LocalProcesses.log(dir, "m");
        LocalProcesses.run("m", List.of("/bin/sh", "-c", "echo fine-tuned"), log);
        assertEquals(List.of("$ /bin/sh -c echo fine-tuned", "fine-tuned"), Files.readAllLines(log));
    }
}
