package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.PlanFiles;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads a zoo defaults to the embedded world's when --zoo is absent; the one that writes a
 * catalog ({@code zoo source}) requires --zoo, and says so in its usage. No natives are loaded.
 */
class EmbeddedZooDefaultTest {

    @TempDir
    Path dir;

    @Test
    void jobsPlanWithoutZooPlansTheEmbeddedWorldsBackbones() throws IOException {
        Path images = dir.resolve("pets");
        ExtractIT.images(images, 2, 3);
        Path plan = dir.resolve("plan");
        Path zoo = EmbeddedWorld.locate().zoo();
        int models = BackboneCatalog.load(zoo).backbones().size();
        CliTest.run("jobs", "plan", "--datasets", images.toString(), "--out", plan.toString()).expectExit(0)
                .expectOut("(1 datasets x " + models + " models)");
        JobPlan p = PlanFiles.read(plan);
        assertEquals(zoo.toAbsolutePath().normalize(), p.dir().resolve(p.zoo()).toAbsolutePath().normalize());
    }

    @Test
    void benchExtractWithoutZooLooksTheModelUpInTheEmbeddedWorld() {
        CliTest r = CliTest.run("bench", "extract", "--model", "no-such-model").expectExit(1)
                .expectErr("no backbone 'no-such-model' in the zoo");
        assertTrue(r.err().contains(EmbeddedWorld.locate().zoo().toString()), r.err());
    }

    @Test
    void zooSourceRequiresZooInItsUsageAndItsError() {
        CliTest help = CliTest.run("zoo", "source", "--help").expectExit(0);
        assertTrue(help.out().contains(" --zoo=FILE"), help.out());
        assertFalse(help.out().contains("[--zoo=FILE]"), help.out());
        CliTest.run("zoo", "source", "--images", dir.resolve("imgs").toString()).expectExit(2)
                .expectErr("Missing required option: '--zoo=FILE'");
    }
}
