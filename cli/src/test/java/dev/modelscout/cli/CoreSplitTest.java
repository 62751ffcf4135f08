package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How overlapping extraction and scoring share the cores, without natives. */
class CoreSplitTest {

    static final ExtractionOptions CPU = ExtractionOptions.defaults().withDevice(Device.CPU);

    @Test
    void eachSideGetsHalfTheCoresOnTheCpu() {
        CoreSplit two = new CoreSplit(2, Map.of());
        assertEquals(1, two.extraction(CPU).computeThreads());
        assertEquals(1, two.scoringThreads());
        CoreSplit sixteen = new CoreSplit(16, Map.of());
        assertEquals(8, sixteen.extraction(CPU).computeThreads());
        assertEquals(8, sixteen.scoringThreads());
        CoreSplit three = new CoreSplit(3, Map.of());
        assertEquals(2, three.extractionThreads());
        assertEquals(1, three.scoringThreads());
        CoreSplit one = new CoreSplit(1, Map.of());
        assertEquals(1, one.extractionThreads());
        assertEquals(1, one.scoringThreads());
    }

    @Test
    void theUsersChoiceAndCudaKeepTheirThreads() {
        CoreSplit split = new CoreSplit(16, Map.of());
        assertEquals(3, split.extraction(CPU.withComputeThreads(3)).computeThreads(), "--threads 3");
        assertEquals(0, split.extraction(CPU.withDevice(Device.cuda(0))).computeThreads(), "the GPU runs the network");
        CoreSplit omp = new CoreSplit(16, Map.of("OMP_NUM_THREADS", "4"));
        assertEquals(0, omp.extraction(CPU).computeThreads(), "OMP_NUM_THREADS decides for PyTorch");
    }
}
