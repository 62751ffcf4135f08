package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -q/--quiet}: nothing on stderr but errors; stdout as without it. */
class QuietTest {

    @TempDir
    Path dir;

    @Test
    void quietLeavesStdoutAsItIsAndStderrEmpty() throws Exception {
        Path h = SyntheticHistory.write(dir);
        CliTest loud = CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--out",
                dir.resolve("a.json").toString()).expectExit(0).expectErr("read ");
        CliTest quiet = CliTest.run("-q", "train", "--history", h.toString(), "--recommender", "lr", "--out",
                dir.resolve("b.json").toString()).expectExit(0);
        assertEquals("", quiet.err());
        assertEquals(loud.out().replace("a.json", "b.json").replaceAll("\\d+\\.\\d+ s", "T s"),
                quiet.out().replaceAll("\\d+\\.\\d+ s", "T s"));
        CliTest after = CliTest.run("train", "--quiet", "--history", h.toString(), "--recommender", "lr", "--out",
                dir.resolve("c.json").toString()).expectExit(0);
        assertEquals("", after.err(), "--quiet after the command name too");
    }

    @Test
    void quietStillPrintsTheError() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "dataset,model,accuracy\ncifar,resnet,0.9\ncifar,vit,zero\n");
        CliTest r = CliTest.run("-q", "train", "--history", bad.toString(), "--out", dir.resolve("m.json").toString())
                .expectExit(1).expectErr(bad + ":3:3: column 'accuracy'");
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void quietStillPrintsAUsageError() throws Exception {
        CliTest.run("-q", "train").expectExit(2).expectErr("Missing required option");
        // found once the command runs (an option value out of range), through the error handler
        CliTest r = CliTest.run("-q", "train", "--history", SyntheticHistory.write(dir).toString(), "--recommender",
                "nope", "--out", dir.resolve("m.json").toString()).expectExit(2).expectErr("nope");
        assertEquals(2, r.err().lines().count(), "the error and the --help hint: " + r.err());
    }
}
