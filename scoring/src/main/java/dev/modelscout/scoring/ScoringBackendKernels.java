package dev.modelscout.scoring;

import dev.modelscout.core.CudaGpu;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The GPU architectures a CUDA library carries device code for: SASS (machine code, one cubin per
 * {@code sm_XY}) and PTX (portable code the driver compiles at load time). A cubin for {@code sm_XY} runs on
 * chips of the same major version X with a minor of Y or more (sm_86 code runs on an sm_89 Ada chip, never on
 * sm_90 Hopper); PTX for {@code compute_XY} runs on any chip of capability X.Y or above. An architecture is
 * written as major * 10 + minor: 86 for sm_86.
 *
 * @param library the library and the file its lists were read from, for messages
 * @param sass the {@code sm_XY} it has cubins for, ascending
 * @param ptx the {@code compute_XY} it has PTX for, ascending
 */
public record ScoringBackendKernels(String library, List<Integer> sass, List<Integer> ptx) {

    /**
     * ND4J's CUDA back end, {@code org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1} (the newest ND4J CUDA build on Maven
     * Central; no CUDA 12 build is published): {@code libnd4jcuda.so} of its {@code linux-x86_64} jar. Read from
     * the library's {@code .nv_fatbin} section with {@code src/gpu/cuda-archs.sh} (which runs
     * {@code cuobjdump --list-elf --list-ptx}, or parses the fatbin headers itself where the CUDA toolkit is
     * missing): ELF (SASS) entries for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86, and no PTX entry. Re-read it
     * the same way for a new ND4J release and update this one constant; nothing else holds the list.
     */
    public static final ScoringBackendKernels ND4J_CUDA = new ScoringBackendKernels(
            "nd4j-cuda-11.6 1.0.0-M2.1 (libnd4jcuda.so)", List.of(37, 50, 52, 60, 61, 70, 75, 80, 86), List.of());

    public ScoringBackendKernels {
        sass = List.copyOf(sass);
        ptx = List.copyOf(ptx);
    }

    /**
     * The code of this library that {@code gpu} would execute: {@code "sm_86 SASS"} for an 8.9 chip,
     * {@code "compute_90 PTX (compiled by the driver)"}, or empty when none can run there.
     */
    public Optional<String> codeFor(CudaGpu gpu) {
        int best = -1;
        for (int arch : sass) {
            if (arch / 10 == gpu.major() && arch % 10 <= gpu.minor()) {
                best = Math.max(best, arch);
            }
        }
        if (best >= 0) {
            return Optional.of("sm_" + best + " SASS");
        }
        int device = gpu.major() * 10 + gpu.minor();
        int bestPtx = -1;
        for (int arch : ptx) {
            if (arch <= device) {
                bestPtx = Math.max(bestPtx, arch);
            }
        }
        return bestPtx >= 0 ? Optional.of("compute_" + bestPtx + " PTX (compiled by the driver)") : Optional.empty();
    }

    /** {@code true} when some code of this library runs on {@code gpu}. */
    public boolean covers(CudaGpu gpu) {
        return codeFor(gpu).isPresent();
    }

    /** {@code SASS sm_37, sm_50, ..., sm_86; no PTX}. */
    public String describe() {
        String s = sass.isEmpty() ? "no SASS" : "SASS " + sass.stream().map(a -> "sm_" + a)
                .collect(Collectors.joining(", "));
        String p = ptx.isEmpty() ? "no PTX" : "PTX " + ptx.stream().map(a -> "compute_" + a)
                .collect(Collectors.joining(", "));
        return s + "; " + p;
    }
}
