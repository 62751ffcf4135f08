package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CudaGpuTest {

    @Test
    void readsDjlsConcatenatedCapabilities() {
        // DJL's CudaUtils.getComputeCapability writes String.valueOf(major) + minor
        assertEquals("9.0", CudaGpu.of(0, "NVIDIA H200", "90").capability());
        assertEquals("sm_86", CudaGpu.of(1, "NVIDIA A40", "86").sm());
        assertEquals("10.0", CudaGpu.of(0, "NVIDIA B200", "100").capability());
        assertEquals("sm_120", CudaGpu.of(0, "NVIDIA RTX PRO 6000", "120").sm());
        assertEquals("3.7", CudaGpu.of(0, "Tesla K80", "37").capability());
    }

    @Test
    void describesIndexNameAndCapability() {
        assertEquals("cuda:2 NVIDIA L40S, compute capability 8.9 (sm_89)",
                new CudaGpu(2, " NVIDIA L40S ", 8, 9).describe());
        assertEquals("unknown GPU", new CudaGpu(0, null, 8, 0).name());
    }

    @Test
    void rejectsWhatIsNoCapability() {
        for (String bad : new String[] {"", "9", "9.0", "x0", null}) {
            assertThrows(IllegalArgumentException.class, () -> CudaGpu.of(0, "g", bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new CudaGpu(-1, "g", 8, 0));
    }
}
