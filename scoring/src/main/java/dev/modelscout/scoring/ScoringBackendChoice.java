package dev.modelscout.scoring;

import dev.modelscout.core.CudaGpu;
import dev.modelscout.core.InvalidOptionException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Which ND4J back end the scores run on, and why; made before ND4J loads ({@link ScoringBackendSelection}).
 * {@link #choose} is a pure function of what was asked, what the build carries and the GPUs seen, so that it is
 * tested with made-up compute capabilities.
 *
 * @param kind the back end
 * @param reason why, for {@code modelscout doctor}
 * @param note the one line to print when ND4J loads ({@code scoring: ND4J CUDA has no kernels for sm_90 (NVIDIA
 *     H200); scores run on the CPU}), or {@code null} when there is nothing to say: set when a CUDA build falls
 *     back to the CPU
 */
public record ScoringBackendChoice(Kind kind, String reason, String note) {

    /** CPU or CUDA; NONE when the installation carries no ND4J back end that can run (no scores at all). */
    public enum Kind { CPU, CUDA, NONE }

    /** The ND4J back ends on the class path: nd4j-native (cpu) and nd4j-cuda (cuda). */
    public record Build(boolean cpu, boolean cuda) {
        public String describe() {
            return cpu && cuda ? "cpu and cuda" : cpu ? "cpu only" : cuda ? "cuda only" : "none";
        }
    }

    /**
     * The choice for {@code requested}. The GPUs are asked for only when the answer depends on them (a build with
     * ND4J CUDA, and {@code auto} or {@code cuda}); ND4J CUDA is used only when its kernels cover every visible GPU,
     * since ND4J spreads its threads over all of them.
     *
     * @throws InvalidOptionException for {@code --scoring-device cuda} (or {@code cpu}) that this build or machine
     *     cannot honour: one line, exit 2
     */
    public static ScoringBackendChoice choose(ScoringDevice requested, Build build, Supplier<List<CudaGpu>> gpus,
            ScoringBackendKernels kernels) {
        if (requested == ScoringDevice.CPU) {
            if (!build.cpu()) {
                throw new InvalidOptionException("--scoring-device cpu: this build carries no ND4J CPU back end "
                        + "(nd4j-native); ND4J back ends here: " + build.describe());
            }
            return new ScoringBackendChoice(Kind.CPU, "--scoring-device cpu", null);
        }
        boolean insist = requested == ScoringDevice.CUDA;
        if (!build.cuda()) {
            if (insist) {
                throw new InvalidOptionException("--scoring-device cuda: this build carries ND4J's CPU back end only "
                        + "(build with -Pcuda for nd4j-cuda)");
            }
            return build.cpu() ? new ScoringBackendChoice(Kind.CPU, "this build carries ND4J's CPU back end only",
                    null) : none("this installation carries no ND4J back end (scores cannot run here)");
        }
        List<CudaGpu> seen = gpus.get();
        String why;
        if (seen.isEmpty()) {
            why = "no CUDA device visible";
        } else {
            Optional<CudaGpu> uncovered = seen.stream().filter(g -> !kernels.covers(g)).findFirst();
            if (uncovered.isEmpty()) {
                String how = seen.stream().map(g -> g.sm() + " (" + g.name() + ") runs its "
                        + kernels.codeFor(g).orElseThrow()).distinct().collect(Collectors.joining(", "));
                return new ScoringBackendChoice(Kind.CUDA, (insist ? "--scoring-device cuda; " : "")
                        + "ND4J CUDA covers every visible GPU: " + how, null);
            }
            CudaGpu g = uncovered.get();
            why = "ND4J CUDA has no kernels for " + g.sm() + " (" + g.name() + ")";
        }
        if (insist) {
            throw new InvalidOptionException("--scoring-device cuda: " + why + (seen.isEmpty() ? ""
                    : "; ND4J CUDA (" + kernels.library() + ") carries " + kernels.describe()));
        }
        if (!build.cpu()) {
            return none(why + ", and this build has no ND4J CPU back end to fall back on");
        }
        return new ScoringBackendChoice(Kind.CPU, why, "scoring: " + why + "; scores run on the CPU");
    }

    private static ScoringBackendChoice none(String reason) {
        return new ScoringBackendChoice(Kind.NONE, reason, null);
    }

    /** {@code cpu: no CUDA device visible}. */
    public String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason;
    }
}
