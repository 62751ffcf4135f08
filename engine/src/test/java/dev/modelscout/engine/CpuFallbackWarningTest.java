package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When {@code --device auto} falling back to the CPU is said: only where the build carries CUDA natives. */
class CpuFallbackWarningTest {

    @Test
    void aCpuBuildSaysNothingOfCudaUnderAuto() {
        assertFalse(PyTorchRuntime.warnsOnCpuFallback("cpu"));
    }

    @Test
    void aCudaBuildWithoutAGpuWarns() {
        assertTrue(PyTorchRuntime.warnsOnCpuFallback("cu124"));
        assertTrue(PyTorchRuntime.warnsOnCpuFallback("cu118"));
    }

    @Test
    void unknownNativesWarn() {
        assertTrue(PyTorchRuntime.warnsOnCpuFallback("unknown"));
    }
}
