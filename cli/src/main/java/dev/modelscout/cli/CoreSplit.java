package dev.modelscout.cli;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.scoring.ScoringThreads;
import java.util.Map;

/**
 * How extraction and scoring share the cores while they overlap (backbone k scored while backbone k+1's features
 * are extracted): each side's native thread team gets half of them, as a team that counts on every core stalls
 * whenever the other side holds one (docs/benchmarks.md: on 2 cores, with both teams at 2 threads the scores took 3
 * to 5 times longer beside the extraction, and PyTorch at 2 threads beside one scoring thread extracted 3 to 7 times
 * slower than at 1). The extraction's PyTorch threads are halved on the CPU
 * only (on CUDA they do not compute the network); the scores' ND4J / OpenBLAS threads are halved on either device
 * (on a GPU node the other half decodes images). A choice the user made wins: {@code --threads N} for PyTorch, and
 * {@code OMP_NUM_THREADS} (read by both libraries) for both sides.
 *
 * @param cores the machine's cores
 * @param env   the environment ({@code OMP_NUM_THREADS})
 */
record CoreSplit(int cores, Map<String, String> env) {

    /** This machine's. */
    static CoreSplit ofThisMachine() {
        return new CoreSplit(Runtime.getRuntime().availableProcessors(), System.getenv());
    }

    private boolean userChose() {
        String omp = env.get("OMP_NUM_THREADS");
        return omp != null && !omp.isBlank();
    }

    /** PyTorch threads for the extraction side: the larger half. */
    int extractionThreads() {
        return Math.max(1, cores - cores / 2);
    }

    /** Native threads for the scoring side: the smaller half, at least one. */
    int scoringThreads() {
        return Math.max(1, cores / 2);
    }

    /** {@code o} for an extraction beside the scores: its PyTorch threads halved on the CPU unless chosen. */
    ExtractionOptions extraction(ExtractionOptions o) {
        if (o.device().kind() != Device.Kind.CPU || o.computeThreads() != 0 || userChose()) {
            return o;
        }
        return o.withComputeThreads(extractionThreads());
    }

    /** Limits the scores' native threads for scoring beside an extraction, unless the user chose; loads the natives. */
    void limitScoring() {
        if (!userChose()) {
            ScoringThreads.limit(scoringThreads());
        }
    }
}
