package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.CudaGpu;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.scoring.ScoringBackendChoice.Build;
import dev.modelscout.scoring.ScoringBackendChoice.Kind;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The scores' back-end choice driven with made-up builds and compute capabilities (no GPU, no natives). */
class ScoringBackendChoiceTest {

    private static final Build BOTH = new Build(true, true);
    private static final Build CPU_ONLY = new Build(true, false);
    private static final Supplier<List<CudaGpu>> NOT_ASKED = () -> {
        throw new AssertionError("the GPUs must not be probed here");
    };

    private static Supplier<List<CudaGpu>> gpus(CudaGpu... g) {
        return () -> List.of(g);
    }

    private static ScoringBackendChoice choose(ScoringDevice d, Build b, Supplier<List<CudaGpu>> g) {
        return ScoringBackendChoice.choose(d, b, g, ScoringBackendKernels.ND4J_CUDA);
    }

    @Test
    void autoUsesNd4jCudaOnCoveredChips() {
        for (String[] c : new String[][] {{"80", "sm_80"}, {"86", "sm_86"}, {"89", "sm_86"}, {"75", "sm_75"}}) {
            CudaGpu g = CudaGpu.of(0, "GPU " + c[0], c[0]);
            ScoringBackendChoice r = choose(ScoringDevice.AUTO, BOTH, gpus(g));
            assertEquals(Kind.CUDA, r.kind(), r.reason());
            assertTrue(r.reason().contains(g.sm() + " (GPU " + c[0] + ") runs its " + c[1] + " SASS"), r.reason());
            assertNull(r.note());
        }
    }

    @Test
    void autoFallsBackToTheCpuOnHopperAndBlackwellWithOneLine() {
        ScoringBackendChoice r = choose(ScoringDevice.AUTO, BOTH, gpus(new CudaGpu(0, "NVIDIA H200", 9, 0)));
        assertEquals(Kind.CPU, r.kind());
        assertEquals("scoring: ND4J CUDA has no kernels for sm_90 (NVIDIA H200); scores run on the CPU", r.note());
        for (int[] cc : new int[][] {{10, 0}, {12, 0}}) {
            CudaGpu g = new CudaGpu(0, "NVIDIA B", cc[0], cc[1]);
            ScoringBackendChoice b = choose(ScoringDevice.AUTO, BOTH, gpus(g));
            assertEquals(Kind.CPU, b.kind());
            assertEquals("ND4J CUDA has no kernels for " + g.sm() + " (NVIDIA B)", b.reason());
        }
    }

    @Test
    void oneUncoveredGpuOfSeveralSendsTheScoresToTheCpu() {
        // ND4J CUDA spreads its threads over every visible device
        ScoringBackendChoice r = choose(ScoringDevice.AUTO, BOTH,
                gpus(new CudaGpu(0, "NVIDIA A100", 8, 0), new CudaGpu(1, "NVIDIA H100", 9, 0)));
        assertEquals(Kind.CPU, r.kind());
        assertTrue(r.note().contains("sm_90 (NVIDIA H100)"), r.note());
    }

    @Test
    void autoWithoutGpuUsesTheCpuAndSaysSoInACudaBuild() {
        ScoringBackendChoice r = choose(ScoringDevice.AUTO, BOTH, gpus());
        assertEquals(Kind.CPU, r.kind());
        assertEquals("scoring: no CUDA device visible; scores run on the CPU", r.note());
    }

    @Test
    void aCpuOnlyBuildNeverProbesAndSaysNothing() {
        ScoringBackendChoice r = choose(ScoringDevice.AUTO, CPU_ONLY, NOT_ASKED);
        assertEquals(Kind.CPU, r.kind());
        assertEquals("this build carries ND4J's CPU back end only", r.reason());
        assertNull(r.note());
    }

    @Test
    void cpuOverridesEvenOnACoveredChip() {
        ScoringBackendChoice r = choose(ScoringDevice.CPU, BOTH, NOT_ASKED);
        assertEquals(Kind.CPU, r.kind());
        assertEquals("--scoring-device cpu", r.reason());
        assertNull(r.note());
    }

    @Test
    void cudaOverrideRunsOnACoveredChip() {
        ScoringBackendChoice r = choose(ScoringDevice.CUDA, BOTH, gpus(new CudaGpu(0, "NVIDIA L40S", 8, 9)));
        assertEquals(Kind.CUDA, r.kind());
        assertTrue(r.reason().startsWith("--scoring-device cuda; "), r.reason());
    }

    @Test
    void cudaOverrideThatCannotRunIsAOneLineUsageError() {
        InvalidOptionException hopper = assertThrows(InvalidOptionException.class,
                () -> choose(ScoringDevice.CUDA, BOTH, gpus(new CudaGpu(0, "NVIDIA H200", 9, 0))));
        assertEquals("--scoring-device cuda: ND4J CUDA has no kernels for sm_90 (NVIDIA H200); ND4J CUDA "
                + "(nd4j-cuda-11.6 1.0.0-M2.1 (libnd4jcuda.so)) carries SASS sm_37, sm_50, sm_52, sm_60, sm_61, "
                + "sm_70, sm_75, sm_80, sm_86; no PTX", hopper.getMessage());
        InvalidOptionException noGpu = assertThrows(InvalidOptionException.class,
                () -> choose(ScoringDevice.CUDA, BOTH, gpus()));
        assertTrue(noGpu.getMessage().startsWith("--scoring-device cuda: no CUDA device visible"), noGpu.getMessage());
        InvalidOptionException cpuBuild = assertThrows(InvalidOptionException.class,
                () -> choose(ScoringDevice.CUDA, CPU_ONLY, NOT_ASKED));
        assertTrue(cpuBuild.getMessage().contains("this build carries ND4J's CPU back end only"),
                cpuBuild.getMessage());
        for (InvalidOptionException e : List.of(hopper, noGpu, cpuBuild)) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void anInstallationWithoutNd4jChoosesNothingUnlessAsked() {
        Build none = new Build(false, false);
        assertEquals(Kind.NONE, choose(ScoringDevice.AUTO, none, NOT_ASKED).kind());
        assertThrows(InvalidOptionException.class, () -> choose(ScoringDevice.CPU, none, NOT_ASKED));
        // a CUDA-only build (the CUDA profile before the CPU fallback) on Hopper has nothing that can run
        ScoringBackendChoice r = choose(ScoringDevice.AUTO, new Build(false, true),
                gpus(new CudaGpu(0, "NVIDIA H100", 9, 0)));
        assertEquals(Kind.NONE, r.kind());
        assertTrue(r.reason().endsWith("no ND4J CPU back end to fall back on"), r.reason());
    }

    @Test
    void parsesTheOptionValues() {
        assertEquals(ScoringDevice.CUDA, ScoringDevice.parse(" CUDA "));
        assertEquals("auto", ScoringDevice.AUTO.toString());
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> ScoringDevice.parse("gpu:1"));
        assertEquals("invalid --scoring-device 'gpu:1': expected auto, cpu or cuda", e.getMessage());
    }
}
