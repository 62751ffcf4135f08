package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan -> run (a shell loop over shards) -> status -> merge, in process, with a fake cell runner. */
class ShardRunnerTest {

    @TempDir
    Path dir;

    PlanFixture f;
    JobPlan plan;

    @BeforeEach
    void plan() throws IOException {
        f = new PlanFixture(dir);
        plan = f.plan(dir.resolve("plan"), 4);
    }

    @Test
    void aShellLoopOverTheShardsComputesEveryCellOnceAndMergesThem() {
        assertEquals(6, plan.cells().size());
        assertEquals(List.of("0000-pets-alpha", "0001-pets-beta", "0002-pets-gamma", "0003-flowers-alpha",
                "0004-flowers-beta", "0005-flowers-gamma"), plan.cells().stream().map(Cell::id).toList());
        f.runAll(plan, 4);
        assertEquals(plan.cells().stream().map(Cell::id).toList(), f.computed, "each cell once, in plan order");
        PlanStatus.Report r = PlanStatus.of(PlanFiles.read(plan.dir()));
        assertEquals(6, r.count(PlanStatus.State.DONE));
        assertEquals(List.of(), r.unfinishedShards());
        PlanMerge.Merged m = PlanMerge.merge(PlanFiles.read(plan.dir()), new Fingerprints(), false);
        assertEquals(6, m.rows().size());
        String csv = PlanMerge.csv(m);
        assertTrue(csv.startsWith("dataset,dataset_size,num_classes,model,arch_family,"), csv);
        assertTrue(csv.contains("\npets,6,,alpha,cnn,"), csv);
        assertTrue(csv.contains(",0.5,"), "logme of cell 0: " + csv);
        assertTrue(csv.contains(",jobs:plan/0005-flowers-gamma\n"), csv);
    }

    @Test
    void aShardCountOtherThanThePlansStillCoversEveryCell() {
        f.runAll(plan, 5);
        assertEquals(6, f.computed.size());
        assertEquals(6, PlanStatus.of(plan).count(PlanStatus.State.DONE));
    }

    @Test
    void aRerunSkipsFinishedCellsAndLeavesTheirFilesUntouched() throws IOException {
        f.runAll(plan, 4);
        Cell first = plan.cells().get(0);
        Path file = ResultFiles.file(plan, first);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
        byte[] bytes = Files.readAllBytes(file);
        f.computed.clear();
        ShardRunner.Summary s = f.shardRunner(plan, Map.of()).run(0, 4, true);
        assertEquals(new ShardRunner.Summary(1, 0, 0, 1, 0), s);
        assertEquals(List.of(), f.computed);
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(file));
    }

    @Test
    void aHalfWrittenResultIsNeverReadAsFinished() throws IOException {
        f.runAll(plan, 4);
        Cell cut = plan.cells().get(2);
        Path file = ResultFiles.file(plan, cut);
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.length() / 2));
        // and what a writer killed before its rename leaves: a temporary sibling, never a result
        Files.writeString(plan.resultsDir().resolve("." + cut.id() + ".json.vm.999999.abcd1234.tmp"), whole);
        ResultFiles.Read read = ResultFiles.read(plan, cut);
        assertInstanceOf(ResultFiles.Unreadable.class, read);
        PlanStatus.Report r = PlanStatus.of(plan);
        assertEquals(5, r.count(PlanStatus.State.DONE));
        assertEquals(1, r.count(PlanStatus.State.PENDING));
        assertTrue(r.in(PlanStatus.State.PENDING).get(0).note().contains("not whole JSON"), r.toString());
        assertEquals(List.of(1), r.unfinishedShards());
        JobsException e = assertThrows(JobsException.class, () -> PlanMerge.merge(plan, new Fingerprints(), false));
        assertTrue(e.getMessage().contains("1 of 6 cells are not done (first: " + cut.id() + ")"), e.getMessage());

        f.computed.clear();
        f.shardRunner(plan, Map.of()).run(1, 4, true);
        assertEquals(List.of(cut.id()), f.computed, "only the cut cell is computed again");
        assertInstanceOf(ResultFiles.Valid.class, ResultFiles.read(plan, cut));
        assertEquals(6, PlanMerge.merge(plan, new Fingerprints(), false).rows().size());
    }

    @Test
    void aResultOfAnotherPlanIsNotTaken() throws IOException {
        f.runAll(plan, 4);
        Cell c = plan.cells().get(0);
        Path file = ResultFiles.file(plan, c);
        Files.writeString(file, Files.readString(file).replace(plan.planId(), "0123456789abcdef"));
        ResultFiles.Read read = ResultFiles.read(plan, c);
        assertTrue(read instanceof ResultFiles.Unreadable u && u.reason().contains("a result of plan 0123456789abcdef"),
                read.toString());
    }

    @Test
    void aFailedCellKeepsItsOneLineErrorAndIsComputedAgainOnTheNextRun() {
        f.failModels.add("beta");
        f.runAll(plan, 4);
        PlanStatus.Report r = PlanStatus.of(plan);
        assertEquals(4, r.count(PlanStatus.State.DONE));
        assertEquals(2, r.count(PlanStatus.State.FAILED));
        PlanStatus.CellStatus failed = r.in(PlanStatus.State.FAILED).get(0);
        assertEquals("0001-pets-beta", failed.cell().id());
        assertEquals("model beta: planted failure", failed.note(), "the first line only");
        assertEquals(List.of(1, 3), r.unfinishedShards());

        f.computed.clear();
        ShardRunner.Summary skip = f.shardRunner(plan, Map.of()).run(1, 4, false);
        assertEquals(List.of(), f.computed, "--skip-failed leaves it");
        assertEquals(1, skip.skipped());
        f.failModels.clear();
        ShardRunner.Summary retry = f.shardRunner(plan, Map.of()).run(1, 4, true);
        assertEquals(List.of("0001-pets-beta"), f.computed);
        assertEquals(0, retry.failed());
        assertEquals(5, PlanStatus.of(plan).count(PlanStatus.State.DONE));
    }

    @Test
    void aCellWhoseLockIsHeldIsRunningAndASecondRunnerLeavesIt() {
        Cell c = plan.cells().get(0);
        Optional<CellLock> held = CellLock.tryAcquire(ResultFiles.lockFile(plan, c), Duration.ZERO);
        assertTrue(held.isPresent());
        try (CellLock l = held.get()) {
            ResultFiles.writeMarker(plan, c, Map.of("host", "elsewhere", "pid", 42, "started", "then"));
            PlanStatus.Report r = PlanStatus.of(plan);
            assertEquals(1, r.count(PlanStatus.State.RUNNING));
            assertEquals("on elsewhere (pid 42) since then", r.in(PlanStatus.State.RUNNING).get(0).note());
            assertEquals(List.of(1, 2, 3), r.unfinishedShards(), "shard 0 is running: not to be resubmitted");
            ShardRunner.Summary s = f.shardRunner(plan, Map.of()).run(0, 4, true);
            assertEquals(1, s.skipped());
            assertEquals(List.of(), f.computed);
        }
        PlanStatus.CellStatus after = PlanStatus.of(plan).cells().get(0);
        assertEquals(PlanStatus.State.PENDING, after.state());
        assertTrue(after.interrupted(), "a marker without a lock holder: its task was killed");
    }

    @Test
    void theResultRecordsTimingsHostAndTheSchedulersIds() {
        f.shardRunner(plan, Map.of("SLURM_ARRAY_JOB_ID", "77", "SLURM_ARRAY_TASK_ID", "0", "SLURM_JOB_ID", "78"))
                .run(0, 4, true);
        ResultFiles.Read read = ResultFiles.read(plan, plan.cells().get(0));
        CellResult r = ((ResultFiles.Valid) read).result();
        assertEquals(CellResult.Status.DONE, r.status());
        assertEquals(0.5, r.scores().get("logme"));
        assertEquals("0.5", r.row().get("score_logme"));
        assertEquals("", r.row().get("accuracy"));
        assertEquals("cpu", r.device());
        assertEquals(TaskIdentity.host(), r.host());
        assertEquals(Map.of("slurm_job_id", "78", "slurm_array_job_id", "77", "slurm_array_task_id", "0"), r.launch());
        assertTrue(r.timings().get("total_s") >= 0 && r.timings().containsKey("features_s"), r.timings().toString());
        assertEquals(plan.dataset("pets").fingerprint(), r.datasetFingerprint());
        assertEquals(false, Files.exists(ResultFiles.marker(plan, plan.cells().get(0))), "marker removed");
    }

    @Test
    void mergeRefusesAPlanWhoseZooOrDatasetChanged() throws IOException {
        f.runAll(plan, 4);
        Path weights = dir.resolve("zoo/beta.pt");
        byte[] old = Files.readAllBytes(weights);
        Files.writeString(weights, "other weights");
        JobsException e = assertThrows(JobsException.class, () -> PlanMerge.merge(plan, new Fingerprints(), false));
        assertTrue(e.getMessage().contains("the zoo or datasets changed since planning: model beta (its catalog entry or weights)"),
                e.getMessage());
        Files.write(weights, old);
        assertEquals(6, PlanMerge.merge(plan, new Fingerprints(), false).rows().size(), "the same bytes again: accepted");

        PlanFixture.images(dir.resolve("data/Flowers"), 3, 1);
        e = assertThrows(JobsException.class, () -> PlanMerge.merge(plan, new Fingerprints(), false));
        assertTrue(e.getMessage().contains("dataset flowers at " + dir.resolve("data/Flowers")), e.getMessage());
    }

    @Test
    void aCellWhoseDatasetChangedSincePlanningFailsInsteadOfComputing() throws IOException {
        Files.delete(dir.resolve("data/Pets/class1/img2.png"));
        f.shardRunner(plan, Map.of()).run(0, 4, true);
        assertEquals(List.of(), f.computed);
        PlanStatus.CellStatus c = PlanStatus.of(plan).cells().get(0);
        assertEquals(PlanStatus.State.FAILED, c.state());
        assertTrue(c.note().startsWith("dataset pets (" + dir.resolve("data/Pets") + ") changed since planning"), c.note());
    }

    @Test
    void aPlanMovedWithItsDataRunsWhereItNowIs() throws IOException {
        // paths given relative to the working folder are stored relative to the plan folder
        Path cwd = Path.of("").toAbsolutePath();
        List<Planner.DatasetSpec> specs = f.datasets.stream().map(d -> new Planner.DatasetSpec(null, cwd.relativize(d)))
                .toList();
        JobPlan rel = Planner.plan(new Planner.Request(cwd.relativize(dir.resolve("rel")), cwd.relativize(f.zoo), specs,
                List.of(), TaskKind.SCORE, f.options(), null, null, 1000, f.slurm(), "test"), new Fingerprints());
        assertEquals("../zoo/zoo.csv", rel.zoo());
        assertEquals("../data/Pets", rel.dataset("pets").path());
        assertEquals("features", rel.cache());
        Path moved = dir.resolveSibling(dir.getFileName() + "-moved");
        Files.move(dir, moved);
        try {
            JobPlan there = PlanFiles.read(moved.resolve("rel"));
            assertEquals(moved.resolve("zoo/zoo.csv"), there.zooPath());
            assertEquals(moved.resolve("data/Pets"), there.datasetPath("pets"));
            assertEquals(moved.resolve("rel/features/pets"), there.cacheDir("pets"));
            f.runAll(there, 4);
            assertEquals(6, PlanMerge.merge(there, new Fingerprints(), false).rows().size());
        } finally {
            Files.move(moved, dir);
        }
    }

    @Test
    void planningRefusesAFolderThatHoldsAPlanAndDatasetsWithOneId() throws IOException {
        dev.modelscout.core.InvalidOptionException again = assertThrows(dev.modelscout.core.InvalidOptionException.class,
                () -> f.plan(dir.resolve("plan"), 4));
        assertTrue(again.getMessage().contains("already holds a plan"), again.getMessage());
        Path other = dir.resolve("other/pets");
        PlanFixture.images(other, 2, 2);
        List<Planner.DatasetSpec> specs = new ArrayList<>(List.of(new Planner.DatasetSpec(null, f.datasets.get(0)),
                Planner.DatasetSpec.parse(other.toString())));
        dev.modelscout.core.InvalidOptionException twice = assertThrows(dev.modelscout.core.InvalidOptionException.class,
                () -> Planner.plan(new Planner.Request(dir.resolve("p2"), f.zoo, specs, List.of(), TaskKind.SCORE,
                        f.options(), null, null, 1000, f.slurm(), "test"), new Fingerprints()));
        assertTrue(twice.getMessage().contains("two datasets have the id 'pets'"), twice.getMessage());
        specs.set(1, Planner.DatasetSpec.parse("pets2=" + other));
        JobPlan p2 = Planner.plan(new Planner.Request(dir.resolve("p2"), f.zoo, specs, List.of("gamma"), TaskKind.SCORE,
                f.options(), null, null, 1, f.slurm(), "test"), new Fingerprints());
        assertEquals(List.of("0000-pets-gamma", "0001-pets2-gamma"), p2.cells().stream().map(Cell::id).toList());
        assertEquals(1, p2.shards(), "the default is one cell per task, up to the cap");
        dev.modelscout.core.InvalidOptionException shards = assertThrows(dev.modelscout.core.InvalidOptionException.class,
                () -> Planner.plan(new Planner.Request(dir.resolve("p3"), f.zoo, specs, List.of("gamma"), TaskKind.SCORE,
                        f.options(), null, 3, 1000, f.slurm(), "test"), new Fingerprints()));
        assertTrue(shards.getMessage().startsWith("--shards 3: out of range (allowed: 1 to 2"), shards.getMessage());
    }

    @Test
    void anEditedCellsFileIsRefused() throws IOException {
        Path cells = plan.dir().resolve(PlanFiles.CELLS);
        Files.writeString(cells, Files.readString(cells).replace("\"logme\"", "\"parc\""));
        JobsException e = assertThrows(JobsException.class, () -> PlanFiles.read(plan.dir()));
        assertTrue(e.getMessage().contains("changed since planning"), e.getMessage());
    }
}
