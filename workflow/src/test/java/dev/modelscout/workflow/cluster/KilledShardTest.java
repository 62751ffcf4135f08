package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task killed mid-cell (SIGKILL, or SIGTERM as scancel sends) loses that cell only; the next run resumes. */
class KilledShardTest {

    @TempDir
    Path dir;

    @Test
    void aKilledTaskLosesOnlyTheCellItWasOnAndTheRerunResumes() throws Exception {
        PlanFixture f = new PlanFixture(dir);
        JobPlan plan = f.plan(dir.resolve("plan"), 2); // shard 1: cells 3, 4, 5
        Cell done = plan.cells().get(3);
        Cell killed = plan.cells().get(4);
        Process p = ShardProcess.start(plan, 1, 2, killed.id());
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to write anything
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        assertInstanceOf(ResultFiles.Valid.class, ResultFiles.read(plan, done));
        assertInstanceOf(ResultFiles.Absent.class, ResultFiles.read(plan, killed), "no result, not even part of one");
        PlanStatus.Report r = PlanStatus.of(plan);
        PlanStatus.CellStatus k = r.cells().get(4);
        assertEquals(PlanStatus.State.PENDING, k.state());
        assertTrue(k.interrupted());
        assertTrue(k.note().startsWith("on " + TaskIdentity.host() + " (pid " + p.pid() + ", slurm job 9_1) since "),
                k.note());
        assertTrue(k.note().endsWith(", killed"), k.note());
        assertEquals(List.of(0, 1), r.unfinishedShards());

        Path doneFile = ResultFiles.file(plan, done);
        Files.setLastModifiedTime(doneFile, FileTime.fromMillis(1_500_000_000_000L));
        byte[] bytes = Files.readAllBytes(doneFile);
        f.shardRunner(plan, Map.of()).run(1, 2, true);
        assertEquals(List.of(killed.id(), plan.cells().get(5).id()), f.computed, "the killed cell and the next one");
        assertArrayEquals(bytes, Files.readAllBytes(doneFile));
        assertEquals(FileTime.fromMillis(1_500_000_000_000L), Files.getLastModifiedTime(doneFile));
        assertFalse(Files.exists(ResultFiles.marker(plan, killed)), "the marker goes once the cell is done");
        assertEquals(3, PlanStatus.of(plan).count(PlanStatus.State.DONE));
    }

    @Test
    void aTaskStoppedBySigtermSaysSoInItsMarker() throws Exception {
        PlanFixture f = new PlanFixture(dir);
        JobPlan plan = f.plan(dir.resolve("plan"), 1);
        Cell stopped = plan.cells().get(1);
        Process p = ShardProcess.start(plan, 0, 1, stopped.id());
        p.destroy(); // SIGTERM, as scancel and a time limit send
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        PlanStatus.CellStatus s = PlanStatus.of(plan).cells().get(1);
        assertTrue(s.interrupted());
        assertTrue(s.note().matches("on .* \\(pid " + p.pid() + ", slurm job 9_0\\) since \\S+, stopped \\S+"), s.note());
        assertInstanceOf(ResultFiles.Absent.class, ResultFiles.read(plan, stopped));
    }

    @Test
    void aKilledTaskWithTwoScoreCellsInFlightLosesThoseTwoOnlyAndTheRerunResumes() throws Exception {
        PlanFixture f = new PlanFixture(dir);
        JobPlan plan = f.plan(dir.resolve("plan"), 1);
        Cell scoring = plan.cells().get(2);
        Cell ahead = plan.cells().get(3);
        Process p = ShardProcess.start(plan, 0, 1, scoring.id(), "staged"); // cell 3's features made, cell 2 scored
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        PlanStatus.Report r = PlanStatus.of(plan);
        assertEquals(2, r.count(PlanStatus.State.DONE));
        for (Cell c : List.of(scoring, ahead)) {
            assertInstanceOf(ResultFiles.Absent.class, ResultFiles.read(plan, c));
            PlanStatus.CellStatus s = r.cells().get(c.index());
            assertEquals(PlanStatus.State.PENDING, s.state(), c.id());
            assertTrue(s.interrupted() && s.note().endsWith(", killed"), c.id() + ": " + s.note());
        }
        assertFalse(r.cells().get(4).interrupted(), "nothing beyond the cell ahead was begun");
        f.shardRunner(plan, Map.of()).run(0, 1, true);
        assertEquals(plan.cells().subList(2, 6).stream().map(Cell::id).toList(), f.computed);
        assertEquals(6, PlanStatus.of(plan).count(PlanStatus.State.DONE));
    }
}
