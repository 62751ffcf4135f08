package dev.modelscout.scoring;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads the scores' native code uses: ND4J's op threads (its "master" threads, which split its
 * element-wise and reduction ops) and OpenBLAS's (ND4J's matrix products, and the LAPACK build the
 * eigendecompositions use). By default each takes every core (or {@code OMP_NUM_THREADS}); when the scores run
 * beside other work on the same cores (features being extracted for the next backbone), fewer threads keep the two
 * from stalling each other's thread teams. ND4J 1.0.0-M2.1 ignores a lower {@code Environment.setMaxThreads}, so
 * the master threads are what is set. Loads the natives.
 */
public final class ScoringThreads {

    private ScoringThreads() {
    }

    /** Limits the scores' native threads to {@code threads} (>= 1) for the rest of the process. */
    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("scoring threads must be >= 1, got " + threads);
        }
        Linalg.warmUp();
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        openblas.blas_set_num_threads(threads);
    }

    /** The threads ND4J's ops may use now (its master threads). */
    public static int current() {
        Linalg.warmUp();
        return Nd4j.getEnvironment().maxMasterThreads();
    }
}
