package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes appending to one history at the same time: every job of both lands. */
class ConcurrentAppendTest {

    @TempDir
    Path dir;

    @Test
    void twoProcessesAppendingAtOnceLoseNoJob() throws Exception {
        Path history = dir.resolve("history.csv");
        Files.writeString(history, "dataset,model,accuracy\nseed,first,0.1\n");
        int perProcess = 30;
        List<Process> procs = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            procs.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), ConcurrentAppender.class.getName(), history.toString(), name,
                    Integer.toString(perProcess)).redirectErrorStream(true).start());
        }
        for (Process p : procs) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "appender finished");
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), out);
        }
        TrainingHistory h = HistoryReader.read(history, ReadOptions.defaults());
        Set<String> models = new HashSet<>(h.models());
        assertEquals(1 + 2 * perProcess, h.size(), "every job of both processes is in the history");
        for (int i = 0; i < perProcess; i++) {
            assertTrue(models.contains("a-" + i) && models.contains("b-" + i), "job " + i);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
