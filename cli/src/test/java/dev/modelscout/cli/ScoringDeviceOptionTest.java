package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.modelscout.scoring.ScoringBackendChoice;
import dev.modelscout.scoring.ScoringBackendSelection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --scoring-device}: parsed like {@code --device}, checked before the command runs (usage error, exit 2,
 * one line and the --help hint), and the choice recorded for the scores. Uses train on {@link SyntheticHistory},
 * which starts no native back end.
 */
class ScoringDeviceOptionTest {

    @TempDir
    Path dir;

    private String[] train(String... global) throws Exception {
        Path h = SyntheticHistory.write(dir);
        String[] cmd = {"train", "--history", h.toString(), "--recommender", "lr", "--out",
            dir.resolve("m.json").toString()};
        String[] all = new String[global.length + cmd.length];
        System.arraycopy(global, 0, all, 0, global.length);
        System.arraycopy(cmd, 0, all, global.length, cmd.length);
        return all;
    }

    @Test
    void aBadValueIsAUsageErrorWithOneLine() {
        CliTest r = CliTest.run("--scoring-device", "tpu", "doctor").expectExit(2)
                .expectErr("invalid --scoring-device 'tpu': expected auto, cpu or cuda");
        assertEquals(2, r.err().lines().count(), r.err());
    }

    @Test
    void cudaInABuildWithoutNd4jCudaIsAUsageErrorBeforeAnyWork() throws Exception {
        assumeFalse(ScoringBackendSelection.build().cuda(), "this test class path carries ND4J CUDA");
        CliTest r = CliTest.run(train("--scoring-device", "cuda")).expectExit(2)
                .expectErr("error: --scoring-device cuda: this build carries ND4J's CPU back end only");
        assertEquals(2, r.err().lines().count(), r.err());
        assertFalse(dir.resolve("m.json").toFile().exists(), "train ran although the option was refused");
    }

    @Test
    void cpuIsRecordedForTheScoresAndSaysNothing() throws Exception {
        CliTest r = CliTest.run(train("--scoring-device", "cpu")).expectExit(0);
        assertFalse(r.err().contains("scoring:"), r.err());
        assertEquals(ScoringBackendChoice.Kind.CPU, ScoringBackendSelection.chosen().kind());
        assertEquals("--scoring-device cpu", ScoringBackendSelection.chosen().reason());
    }

    @Test
    void helpIsAnsweredWhateverTheScoringDevice() {
        CliTest.run("--scoring-device", "cuda", "doctor", "--help").expectExit(0).expectOut("--scoring-device");
    }
}
