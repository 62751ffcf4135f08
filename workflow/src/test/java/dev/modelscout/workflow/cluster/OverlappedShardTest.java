package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.ModelScoutException;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Score cells of one shard overlap ({@link StagedCellRunner}): the next cell's features are made while the current
 * cell is scored, with its lock held, and locks, markers, results and resume stay as they were. A fake staged
 * runner stands for extraction (prepare) and scoring (finish).
 */
@Timeout(60)
class OverlappedShardTest {

    @TempDir
    java.nio.file.Path dir;

    PlanFixture f;
    JobPlan plan;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** Prepare: "features of CELL"; finish: logme = index + 0.5. Hooks let a test plant failures and waits. */
    final class Staged implements StagedCellRunner<String> {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final Map<String, CountDownLatch> prepared = new ConcurrentHashMap<>();
        BiConsumer<Cell, String> onPrepare = (c, t) -> { };
        BiConsumer<Cell, String> onFinish = (c, p) -> { };
        final List<Boolean> told = Collections.synchronizedList(new ArrayList<>());
        boolean allow = true;

        @Override
        public boolean overlap(boolean possible) {
            told.add(possible);
            return possible && allow;
        }

        CountDownLatch preparedLatch(Cell c) {
            return prepared.computeIfAbsent(c.id(), k -> new CountDownLatch(1));
        }

        @Override
        public String prepare(Cell cell, CellInputs in) {
            events.add("prepare " + cell.id() + " on " + Thread.currentThread().getName());
            try {
                onPrepare.accept(cell, Thread.currentThread().getName());
                return "features of " + cell.id();
            } finally {
                preparedLatch(cell).countDown();
            }
        }

        @Override
        public CellOutcome finish(Cell cell, CellInputs in, String features) {
            events.add("finish " + cell.id());
            assertEquals("features of " + cell.id(), features);
            onFinish.accept(cell, features);
            double v = cell.index() + 0.5;
            Job row = new Job(in.source(), cell.index() + 1, cell.dataset(), cell.model(), Double.NaN, Map.of(),
                    Map.of(HistorySchema.scoreColumn("logme"), v));
            return new CellOutcome(Map.of("logme", v), Double.NaN, row, Map.of(), "cpu", Map.of());
        }
    }

    @BeforeEach
    void plan() throws IOException {
        f = new PlanFixture(dir);
        plan = f.plan(dir.resolve("plan"), 1);
    }

    @AfterEach
    void noThreadLeft() {
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(ShardRunner.PREFETCH_THREAD) && t.isAlive()), "prefetch thread left");
    }

    ShardRunner runner(StagedCellRunner<?> r) {
        return new ShardRunner(plan, Map.of(TaskKind.SCORE, r), new Fingerprints(), Map.of(), log::add, false);
    }

    Cell cell(int i) {
        return plan.cells().get(i);
    }

    static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theNextCellsFeaturesAreMadeWithItsLockHeldWhileTheCurrentCellIsScored() {
        Staged s = new Staged();
        List<String> seenWhileScoring = Collections.synchronizedList(new ArrayList<>());
        s.onFinish = (c, p) -> {
            if (c.index() + 1 < plan.cells().size()) {
                Cell next = cell(c.index() + 1);
                await(s.preparedLatch(next)); // would time out if the next cell were not prepared meanwhile
                seenWhileScoring.add(CellLock.probe(ResultFiles.lockFile(plan, next)) + " "
                        + Files.exists(ResultFiles.marker(plan, next)));
                boolean beyond = c.index() + 2 < plan.cells().size()
                        && s.events.stream().anyMatch(e -> e.startsWith("prepare " + cell(c.index() + 2).id()));
                assertFalse(beyond, "at most one cell ahead");
            }
        };
        ShardRunner.Summary sum = runner(s).run(0, 1, true);
        assertEquals(new ShardRunner.Summary(6, 6, 0, 0, 0), sum);
        assertEquals(List.of(true), s.told, "asked once, for a shard of 6 cells");
        assertEquals(Collections.nCopies(5, "HELD true"), seenWhileScoring, "lock and marker of the cell ahead");
        assertEquals(plan.cells().stream().map(Cell::id).toList(),
                s.events.stream().filter(e -> e.startsWith("finish ")).map(e -> e.substring(7)).toList(), "plan order");
        assertTrue(s.events.stream().filter(e -> e.startsWith("prepare "))
                .allMatch(e -> e.endsWith(" on " + ShardRunner.PREFETCH_THREAD)), s.events.toString());
        PlanStatus.Report r = PlanStatus.of(plan);
        assertEquals(6, r.count(PlanStatus.State.DONE));
        for (Cell c : plan.cells()) {
            assertFalse(Files.exists(ResultFiles.marker(plan, c)), "marker of " + c.id());
            assertEquals(c.index() + 0.5, ((ResultFiles.Valid) ResultFiles.read(plan, c)).result().scores().get("logme"));
        }
        assertEquals(6, PlanMerge.merge(plan, new Fingerprints(), false).rows().size());
        f.computed.clear();
        assertEquals(new ShardRunner.Summary(6, 0, 0, 6, 0), f.shardRunner(plan, Map.of()).run(0, 1, true), "resumes");
    }

    @Test
    void aFailureOfTheNextCellsFeaturesIsRecordedAsThatCellsAfterTheCurrentCellsResult() {
        Staged s = new Staged();
        s.onPrepare = (c, t) -> {
            if (c.index() == 1) {
                throw new ModelScoutException("model beta: planted extraction failure\nsecond line");
            }
        };
        s.onFinish = (c, p) -> sleep(c.index() == 0 ? 100 : 0); // cell 1 fails while cell 0 is scored
        ShardRunner.Summary sum = runner(s).run(0, 1, true);
        assertEquals(new ShardRunner.Summary(6, 6, 1, 0, 0), sum);
        PlanStatus.Report r = PlanStatus.of(plan);
        assertEquals(5, r.count(PlanStatus.State.DONE));
        assertEquals("model beta: planted extraction failure", r.in(PlanStatus.State.FAILED).get(0).note());
        int done0 = indexOf(cell(0).id() + ": done in");
        int failed1 = indexOf(cell(1).id() + ": failed: model beta: planted extraction failure");
        assertTrue(done0 >= 0 && failed1 > done0, "cell 0's result first: " + log);
        assertFalse(s.events.contains("finish " + cell(1).id()), "a failed cell is not scored");
    }

    @Test
    void anErrorThatStopsTheShardStopsTheCellAheadAndReleasesItsLock() {
        Staged s = new Staged();
        List<String> aheadSaw = Collections.synchronizedList(new ArrayList<>());
        s.onPrepare = (c, t) -> {
            if (c.index() == 2) {
                for (int batch = 0; batch < 3000 && !Thread.currentThread().isInterrupted(); batch++) {
                    sleep(10); // an extraction of 30 s, checking between batches
                }
                aheadSaw.add(Thread.currentThread().isInterrupted() ? "interrupted" : "ran to the end");
                throw new ModelScoutException("model gamma: stopped");
            }
        };
        s.onFinish = (c, p) -> {
            if (c.index() == 1) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (s.events.stream().noneMatch(x -> x.startsWith("prepare " + cell(2).id()))) {
                    assertTrue(System.nanoTime() < deadline, "the cell ahead was not begun while cell 1 was scored");
                    sleep(5); // until the cell ahead is being extracted
                }
                sleep(100);
                throw new LinkageError("planted: a native library failed to load");
            }
        };
        long t0 = System.nanoTime();
        LinkageError e = assertThrows(LinkageError.class, () -> runner(s).run(0, 1, true));
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "the cell ahead was stopped, not waited for");
        assertEquals("planted: a native library failed to load", e.getMessage());
        assertEquals(List.of("interrupted"), aheadSaw);
        assertInstanceOf(ResultFiles.Valid.class, ResultFiles.read(plan, cell(0)));
        for (int i : new int[] {1, 2}) {
            assertInstanceOf(ResultFiles.Absent.class, ResultFiles.read(plan, cell(i)));
            Optional<CellLock> free = CellLock.tryAcquire(ResultFiles.lockFile(plan, cell(i)), Duration.ZERO);
            assertTrue(free.isPresent(), "lock of " + cell(i).id() + " released");
            free.get().close();
            PlanStatus.CellStatus st = PlanStatus.of(plan).cells().get(i);
            assertEquals(PlanStatus.State.PENDING, st.state());
            assertTrue(st.interrupted(), "its marker stays: " + st.note());
        }
        f.shardRunner(plan, Map.of()).run(0, 1, true);
        assertEquals(plan.cells().subList(1, 6).stream().map(Cell::id).toList(), f.computed, "a rerun resumes at cell 1");
        assertEquals(6, PlanStatus.of(plan).count(PlanStatus.State.DONE));
    }

    @Test
    void aRunnerThatDeclinesPreparesAndFinishesEachCellOnTheShardsThread() {
        Staged s = new Staged();
        s.allow = false;
        runner(s).run(0, 1, true);
        List<String> want = new ArrayList<>();
        for (Cell c : plan.cells()) {
            want.add("prepare " + c.id() + " on " + Thread.currentThread().getName());
            want.add("finish " + c.id());
        }
        assertEquals(want, s.events);
    }

    @Test
    void aShardOfOneCellIsNotOverlapped() {
        JobPlan one = f.plan(dir.resolve("plan1"), 6);
        Staged s = new Staged();
        new ShardRunner(one, Map.of(TaskKind.SCORE, s), new Fingerprints(), Map.of(), log::add, false).run(2, 6, true);
        assertEquals(List.of(false), s.told);
        assertEquals(List.of("prepare " + one.cells().get(2).id() + " on " + Thread.currentThread().getName(),
                "finish " + one.cells().get(2).id()), s.events);
    }

    @Test
    void cellsDoneEarlierOrLockedElsewhereAreSkippedWhenLookingAhead() {
        f.shardRunner(plan, Map.of()).run(0, 1, true);
        assertTrue(ResultFiles.file(plan, cell(2)).toFile().delete());
        assertTrue(ResultFiles.file(plan, cell(4)).toFile().delete());
        assertTrue(ResultFiles.file(plan, cell(5)).toFile().delete());
        Optional<CellLock> elsewhere = CellLock.tryAcquire(ResultFiles.lockFile(plan, cell(4)), Duration.ZERO);
        assertTrue(elsewhere.isPresent());
        Staged s = new Staged();
        try (CellLock held = elsewhere.get()) {
            ShardRunner.Summary sum = runner(s).run(0, 1, true);
            assertEquals(new ShardRunner.Summary(6, 2, 0, 3, 1), sum);
        }
        assertEquals(List.of("finish " + cell(2).id(), "finish " + cell(5).id()),
                s.events.stream().filter(e -> e.startsWith("finish ")).toList());
    }

    private int indexOf(String prefix) {
        synchronized (log) {
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).startsWith(prefix)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Sleeps, keeping an interrupt. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
