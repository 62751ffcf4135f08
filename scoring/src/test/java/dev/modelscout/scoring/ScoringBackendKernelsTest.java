package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.CudaGpu;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SASS / PTX compatibility rules on made-up chips: same major and minor >= for SASS, >= for PTX. */
class ScoringBackendKernelsTest {

    private static CudaGpu gpu(int major, int minor) {
        return new CudaGpu(0, "test GPU " + major + "." + minor, major, minor);
    }

    @Test
    void nd4jCudaRunsKeplerToAmpereAndAdaOnly() {
        ScoringBackendKernels k = ScoringBackendKernels.ND4J_CUDA;
        assertEquals(Optional.of("sm_80 SASS"), k.codeFor(gpu(8, 0)));
        assertEquals(Optional.of("sm_86 SASS"), k.codeFor(gpu(8, 6)));
        assertEquals(Optional.of("sm_86 SASS"), k.codeFor(gpu(8, 9)), "Ada runs Ampere's sm_86 cubin");
        assertEquals(Optional.of("sm_86 SASS"), k.codeFor(gpu(8, 7)), "X.y cubins run on X.z, z >= y");
        assertEquals(Optional.of("sm_75 SASS"), k.codeFor(gpu(7, 5)));
        assertEquals(Optional.of("sm_37 SASS"), k.codeFor(gpu(3, 7)));
        for (CudaGpu g : List.of(gpu(9, 0), gpu(10, 0), gpu(12, 0), gpu(3, 5))) {
            assertFalse(k.covers(g), g.sm());
        }
        assertEquals("SASS sm_37, sm_50, sm_52, sm_60, sm_61, sm_70, sm_75, sm_80, sm_86; no PTX", k.describe());
    }

    @Test
    void ptxRunsOnItsOwnAndLaterArchitectures() {
        // the shape of PyTorch 2.5.1 cu124's list: SASS up to sm_90 plus compute_90 PTX
        ScoringBackendKernels k = new ScoringBackendKernels("test", List.of(50, 60, 70, 75, 80, 86, 90), List.of(90));
        assertEquals(Optional.of("sm_90 SASS"), k.codeFor(gpu(9, 0)));
        assertEquals(Optional.of("compute_90 PTX (compiled by the driver)"), k.codeFor(gpu(10, 0)));
        assertEquals(Optional.of("compute_90 PTX (compiled by the driver)"), k.codeFor(gpu(12, 0)));
        assertTrue(k.covers(gpu(8, 9)));
        assertFalse(k.covers(gpu(3, 7)));
        assertEquals("SASS sm_50, sm_60, sm_70, sm_75, sm_80, sm_86, sm_90; PTX compute_90", k.describe());
    }
}
