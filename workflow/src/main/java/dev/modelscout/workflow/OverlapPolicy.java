package dev.modelscout.workflow;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.scoring.ScoringThreads;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether the scores of backbone k overlap the extraction of backbone k+1, and how the two then share the cores.
 *
 * <p>When: by default ({@code -Dmodelscout.overlap=auto}) when the features are extracted on a CUDA device, whose
 * forward passes leave the CPU to the scores; not on the CPU, where both sides need the same cores, so the work is
 * the same either way and the overlap only pays when the extraction cannot use every core (docs/benchmarks.md:
 * on 2 cores it was about 50% slower for torchvision-sized backbones at 224 x 224, and 1 to 5% faster than the same
 * thread split one after the other for the embedded world's small ones). {@code true} or {@code false} forces it.
 *
 * <p>How: each side's native thread team gets half the cores, as a team that counts on every core stalls whenever
 * the other side holds one (on 2 cores, with both teams at 2 threads the scores took 3 to 5 times longer beside the
 * extraction, and PyTorch at 2 threads beside one scoring thread extracted 3 to 7 times slower than at 1). The
 * extraction's PyTorch threads are halved on the CPU only (on CUDA they do not compute the network); the scores'
 * ND4J / OpenBLAS threads are halved on either device (on a GPU node the other half decodes images). A choice the
 * user made wins: {@code --threads N} for PyTorch, and {@code OMP_NUM_THREADS} (read by both libraries) for both.
 *
 * <p>Whoever lowers the scores' native threads for an overlap restores them: {@link #limitScoring()} returns the
 * limit, and closing it puts the earlier thread count back.
 *
 * @param cores the machine's cores
 * @param env   the environment ({@code OMP_NUM_THREADS})
 * @param when  when to overlap (the command line reads {@code -D}{@value Overlap#PROPERTY})
 */
public record OverlapPolicy(int cores, Map<String, String> env, Overlap when) {

    public OverlapPolicy {
        env = Map.copyOf(env);
        java.util.Objects.requireNonNull(when, "when");
    }

    /** This machine's cores and environment, overlapping {@code when}. */
    public static OverlapPolicy ofThisMachine(Overlap when) {
        return new OverlapPolicy(Runtime.getRuntime().availableProcessors(), System.getenv(), when);
    }

    /** Whether scoring overlaps an extraction on {@code device} (the resolved one). */
    public boolean overlaps(Device device) {
        return overlaps(() -> device);
    }

    /** As {@link #overlaps(Device)}, resolving the device only when the setting is auto. */
    public boolean overlaps(Supplier<Device> device) {
        return switch (when) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> device.get().isCuda();
        };
    }

    /** Why the steps ran one after the other, for the timing line. */
    public String whySequential() {
        return when == Overlap.OFF ? Overlap.PROPERTY + "=false"
                : "features on the CPU, which the scores need too";
    }

    private boolean userChose() {
        String omp = env.get("OMP_NUM_THREADS");
        return omp != null && !omp.isBlank();
    }

    /** PyTorch threads for the extraction side: the larger half. */
    public int extractionThreads() {
        return Math.max(1, cores - cores / 2);
    }

    /** Native threads for the scoring side: the smaller half, at least one. */
    public int scoringThreads() {
        return Math.max(1, cores / 2);
    }

    /** {@code o} for an extraction beside the scores: its PyTorch threads halved on the CPU unless chosen. */
    public ExtractionOptions extraction(ExtractionOptions o) {
        if (o.device().kind() != Device.Kind.CPU || o.computeThreads() != 0 || userChose()) {
            return o;
        }
        return o.withComputeThreads(extractionThreads());
    }

    /**
     * Limits the scores' native threads for scoring beside an extraction, unless the user chose; loads the natives.
     * Closing the result puts the thread count back as it was (nothing to put back when the user chose).
     */
    public ScoringLimit limitScoring() {
        if (userChose()) {
            return () -> { };
        }
        int before = ScoringThreads.current();
        ScoringThreads.limit(scoringThreads());
        return () -> ScoringThreads.limit(before);
    }

    /** A lowered scoring thread count; {@link #close()} restores the earlier one. */
    @FunctionalInterface
    public interface ScoringLimit extends AutoCloseable {
        @Override
        void close();
    }
}
