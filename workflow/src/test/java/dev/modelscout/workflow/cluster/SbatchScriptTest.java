package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbatchScriptTest {

    @TempDir
    Path dir;

    @Test
    void arrayListsRunsAsRanges() {
        assertEquals("0-3", SbatchScript.arrayList(List.of(0, 1, 2, 3)));
        assertEquals("1,3-5,9", SbatchScript.arrayList(List.of(1, 3, 4, 5, 9)));
        assertEquals("7", SbatchScript.arrayList(List.of(7)));
        assertEquals("0-5%2", SbatchScript.arraySpec(6, 2));
        assertEquals("0", SbatchScript.arraySpec(1, 0));
    }

    @Test
    void scriptRunsOneShardPerArrayTaskWithThePlannedResources() throws IOException {
        PlanFixture f = new PlanFixture(dir);
        JobPlan p = f.plan(dir.resolve("plan"), 4);
        String s = SbatchScript.render(p);
        assertTrue(s.contains("\n#SBATCH --array=0-3\n"), s);
        assertTrue(s.contains("\n#SBATCH --time=01:00:00\n#SBATCH --mem=4G\n#SBATCH --cpus-per-task=2\n"), s);
        assertTrue(s.contains("\n#SBATCH --chdir=" + p.dir() + "\n#SBATCH --output=logs/%A_%a.out\n"), s);
        assertFalse(s.contains("--gres"), "no GPU asked for");
        assertTrue(s.endsWith("exec \"$MODELSCOUT\" --device cpu jobs run --plan \"$PWD\" --shard \"$SLURM_ARRAY_TASK_ID\" --of 4\n"), s);
        assertTrue(s.contains("MODELSCOUT='/opt/modelscout/bin/modelscout'"), s);

        JobPlan gpu = new JobPlan(p.dir(), p.planId(), p.task(), p.created(), p.createdOn(), p.version(), p.zoo(),
                p.zooFingerprint(), p.models(), p.datasets(), p.cache(), p.shards(), p.options(),
                new SlurmSettings("2-00:00:00", "32G", 8, 1, "gpu", "lab", 3, List.of("--constraint=a100"),
                        "/opt/ms it's/bin/modelscout", "-Xmx24g", "cuda"), p.cells());
        String g = SbatchScript.render(gpu);
        assertTrue(g.contains("\n#SBATCH --array=0-3%3\n"), g);
        assertTrue(g.contains("\n#SBATCH --gres=gpu:1\n#SBATCH --partition=gpu\n#SBATCH --account=lab\n#SBATCH --constraint=a100\n"), g);
        assertTrue(g.contains("export MODELSCOUT_JAVA_OPTS='-Xmx24g'"), g);
        assertTrue(g.contains("MODELSCOUT='/opt/ms it'\\''s/bin/modelscout'"), "quoted for the shell: " + g);
        assertTrue(g.contains("--device cuda jobs run"), g);
    }

    @Test
    void pathsInTheHeaderCommentsAreQuotedForPasting() throws IOException {
        PlanFixture f = new PlanFixture(dir);
        JobPlan p = f.plan(dir.resolve("plan $(touch pwned)"), 2);
        String s = SbatchScript.render(p);
        assertTrue(s.contains("# Progress:  modelscout jobs status --plan '" + p.dir() + "'\n"), s);
        assertTrue(s.contains("# Submit:    sbatch '" + p.dir().resolve("submit.sbatch") + "'\n"), s);
        assertFalse(s.lines().filter(l -> l.startsWith("# ")).anyMatch(l -> l.contains(" " + p.dir())), s);
        assertEquals("/plain/path-1.csv", SbatchScript.word("/plain/path-1.csv"));
        assertEquals("'a b'", SbatchScript.word("a b"));
    }

    @Test
    void aDatasetIdThatIsNotASafeFileNameStaysInsideTheFeatureCache() throws IOException {
        PlanFixture f = new PlanFixture(dir);
        JobPlan p = f.plan(dir.resolve("plan"), 1);
        Path root = p.resolve(p.cache()).normalize();
        for (String id : List.of("..", "../../etc", "/abs", ".")) {
            Path c = p.cacheDir(id).normalize();
            assertEquals(root, c.getParent(), id + " -> " + c);
        }
        assertEquals(root.resolve("cifar10"), p.cacheDir("cifar10").normalize());
    }
}
