package dev.modelscout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Device;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.scoring.ScoringThreads;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** When scoring overlaps extraction, and how the two share the cores (natives only for the thread-count restore). */
class OverlapPolicyTest {

    static final ExtractionOptions CPU = ExtractionOptions.defaults().withDevice(Device.CPU);

    @Test
    void byDefaultTheScoresOverlapAnExtractionOnCudaOnly() {
        OverlapPolicy auto = new OverlapPolicy(2, Map.of(), Overlap.parse(null));
        assertTrue(auto.overlaps(Device.cuda(0)));
        assertFalse(auto.overlaps(Device.CPU));
        assertTrue(auto.whySequential().startsWith("features on the CPU"), auto.whySequential());
        assertTrue(new OverlapPolicy(2, Map.of(), Overlap.parse(" TRUE ")).overlaps(Device.CPU));
        OverlapPolicy off = new OverlapPolicy(2, Map.of(), Overlap.parse("false"));
        assertFalse(off.overlaps(Device.cuda(0)));
        assertEquals("modelscout.overlap=false", off.whySequential());
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> Overlap.parse("sometimes"));
        assertEquals("-Dmodelscout.overlap=sometimes: out of range (allowed: auto, true, false)", e.getMessage());
    }

    @Test
    void eachSideGetsHalfTheCoresOnTheCpu() {
        OverlapPolicy two = new OverlapPolicy(2, Map.of(), Overlap.AUTO);
        assertEquals(1, two.extraction(CPU).computeThreads());
        assertEquals(1, two.scoringThreads());
        OverlapPolicy sixteen = new OverlapPolicy(16, Map.of(), Overlap.AUTO);
        assertEquals(8, sixteen.extraction(CPU).computeThreads());
        assertEquals(8, sixteen.scoringThreads());
        OverlapPolicy three = new OverlapPolicy(3, Map.of(), Overlap.AUTO);
        assertEquals(2, three.extractionThreads());
        assertEquals(1, three.scoringThreads());
        OverlapPolicy one = new OverlapPolicy(1, Map.of(), Overlap.AUTO);
        assertEquals(1, one.extractionThreads());
        assertEquals(1, one.scoringThreads());
    }

    @Test
    void theUsersChoiceAndCudaKeepTheirThreads() {
        OverlapPolicy split = new OverlapPolicy(16, Map.of(), Overlap.AUTO);
        assertEquals(3, split.extraction(CPU.withComputeThreads(3)).computeThreads(), "--threads 3");
        assertEquals(0, split.extraction(CPU.withDevice(Device.cuda(0))).computeThreads(), "the GPU runs the network");
        OverlapPolicy omp = new OverlapPolicy(16, Map.of("OMP_NUM_THREADS", "4"), Overlap.AUTO);
        assertEquals(0, omp.extraction(CPU).computeThreads(), "OMP_NUM_THREADS decides for PyTorch");
    }

    @Test
    void whoeverLowersTheScoringThreadsForAnOverlapPutsThemBack() {
        int original = ScoringThreads.current();
        try {
            ScoringThreads.limit(2);
            int before = ScoringThreads.current(); // ND4J caps it at the machine's cores
            Assumptions.assumeTrue(before > 1, "needs two cores to lower the count");
            try (OverlapPolicy.ScoringLimit limit = new OverlapPolicy(2, Map.of(), Overlap.ON).limitScoring()) {
                assertEquals(1, ScoringThreads.current(), "half of 2 cores");
            }
            assertEquals(before, ScoringThreads.current(), "the count before the overlap");
            try (OverlapPolicy.ScoringLimit chosen = new OverlapPolicy(2, Map.of("OMP_NUM_THREADS", "2"), Overlap.ON)
                    .limitScoring()) {
                assertEquals(before, ScoringThreads.current(), "OMP_NUM_THREADS decides; nothing lowered");
            }
            assertEquals(before, ScoringThreads.current());
        } finally {
            ScoringThreads.limit(original);
        }
    }
}
