package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} says what it read and how far the auto recommender's inner fits are, on stderr. */
class TrainProgressTest {

    @TempDir
    Path dir;

    @Test
    void trainPrintsWhatItReadAndTheInnerFitsItRuns() throws Exception {
        Path h = SyntheticHistory.write(dir);
        CliTest r = CliTest.run("train", "--history", h.toString(), "--out", dir.resolve("m.json").toString()).expectExit(0)
                .expectErr("read ").expectErr(" jobs (").expectErr("auto: ").expectErr(" inner fits (");
        assertTrue(r.err().lines().count() <= 6, "throttled: " + r.err());
    }
}
