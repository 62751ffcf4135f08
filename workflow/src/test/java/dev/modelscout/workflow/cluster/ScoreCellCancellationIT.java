package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.Overlap;
import dev.modelscout.workflow.OverlapPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard that stops while the next score cell's features are being extracted ahead stops that extraction within a
 * batch: the real score-cell runner, real backbones of the embedded world, a plain progress listener (as {@code jobs
 * run} passes), the stop coming from the shard (its prefetcher interrupting work nobody will take). On these small
 * backbones decoding is the slow part, so the extraction may also stop waiting for a decode; the engine's own check
 * between batches (FeatureExtractionIT) is what stops one whose next batches are decoded already.
 */
class ScoreCellCancellationIT {

    @TempDir
    Path dir;

    @Test
    void aStoppingShardStopsTheNextCellsExtractionWithinABatch() {
        EmbeddedWorld world = EmbeddedWorld.locate();
        Assumptions.assumeTrue(Files.isRegularFile(world.zoo()), "needs the embedded world");
        int images = ImageDataset.open(world.sampleImages()).size();
        CellOptions options = new CellOptions(List.of("logme"), 0, 64, 0, 0, 4, 1, false, null);
        JobPlan plan = Planner.plan(new Planner.Request(dir.resolve("plan"), world.zoo(),
                List.of(new Planner.DatasetSpec(null, world.sampleImages())), List.of("resnet-s-mnist", "vit-m-emoji"),
                TaskKind.SCORE, options, dir.resolve("cache"), 1, Planner.DEFAULT_MAX_SHARDS,
                new SlurmSettings("01:00:00", "4G", 2, 0, null, null, 0, List.of(), "modelscout", null, "cpu"), "test"),
                new Fingerprints());
        String second = plan.cells().get(1).model();
        Map<String, AtomicInteger> advanced = new ConcurrentHashMap<>();
        CountDownLatch secondStarted = new CountDownLatch(1);
        String[] current = {null};
        ExtractionListener plain = new ExtractionListener() {
            @Override
            public void started(String modelId, int total) {
                current[0] = modelId;
                advanced.put(modelId, new AtomicInteger());
                if (modelId.equals(second)) {
                    secondStarted.countDown();
                }
            }

            @Override
            public void advanced(int n) {
                advanced.get(current[0]).addAndGet(n);
            }
        };
        ScoreCellRunner real = new ScoreCellRunner(Device.CPU, new PrintWriter(new StringWriter()), plain,
                new OverlapPolicy(2, Map.of(), Overlap.ON));
        StagedCellRunner<ScoreCellRunner.Features> stopping = new StagedCellRunner<>() {
            @Override
            public boolean overlap(boolean possible) {
                return real.overlap(possible);
            }

            @Override
            public ScoreCellRunner.Features prepare(Cell cell, CellInputs in) {
                return real.prepare(cell, in);
            }

            @Override
            public CellOutcome finish(Cell cell, CellInputs in, ScoreCellRunner.Features f) {
                try {
                    assertTrue(secondStarted.await(120, TimeUnit.SECONDS), "the next cell's extraction began");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                throw new LinkageError("planted: a native library failed to load"); // an error that stops the shard
            }

            @Override
            public void shardDone() {
                real.shardDone();
            }
        };
        ShardRunner shard = new ShardRunner(plan, Map.of(TaskKind.SCORE, stopping), new Fingerprints(), Map.of(),
                line -> { }, false);
        LinkageError e = assertThrows(LinkageError.class, () -> shard.run(0, 1, true));
        assertEquals("planted: a native library failed to load", e.getMessage());
        int done = advanced.get(second).get();
        assertTrue(done < images, "the extraction of " + second + " stopped early: " + done + " of " + images
                + " images at batch 4");
    }
}
