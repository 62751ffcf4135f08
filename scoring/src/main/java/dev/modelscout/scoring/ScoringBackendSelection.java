package dev.modelscout.scoring;

import java.util.function.Consumer;
import org.nd4j.common.config.ND4JClassLoading;

/**
 * Applies a {@link ScoringBackendChoice} before ND4J loads, and remembers it for {@code doctor}. This class
 * touches no ND4J type that loads natives (only nd4j-common's {@code ND4JClassLoading}, and only for a CPU or
 * CUDA choice), so it is safe in an installation that carries no ND4J back end at all.
 */
public final class ScoringBackendSelection {

    static final String CPU_BACKEND = "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class";
    static final String CUDA_BACKEND = "org/nd4j/linalg/jcublas/JCublasBackend.class";

    private static volatile ScoringBackendChoice chosen;
    private static volatile Consumer<String> notes = s -> { };
    private static volatile boolean noted;

    private ScoringBackendSelection() {
    }

    /** The ND4J back ends this installation carries (looked up as class files; nothing is loaded). */
    public static ScoringBackendChoice.Build build() {
        ClassLoader cl = loader();
        return new ScoringBackendChoice.Build(cl.getResource(CPU_BACKEND) != null,
                cl.getResource(CUDA_BACKEND) != null);
    }

    /**
     * Makes ND4J load the chosen back end when it first starts: hides the other one from ND4J's back-end lookup
     * ({@link ScoringBackendLoader}). Has no effect on an ND4J that has already started (one back end per
     * process); {@link ScoringBackend#kind()} says which one really runs. The choice's note, if any, goes to
     * {@code noteSink} once, when the scores first load ND4J.
     */
    public static synchronized void use(ScoringBackendChoice choice, Consumer<String> noteSink) {
        chosen = choice;
        notes = noteSink;
        noted = false;
        ClassLoader parent = loader();
        switch (choice.kind()) {
            case CPU -> ND4JClassLoading.setNd4jClassloader(ScoringBackendLoader.hiding(parent, CUDA_BACKEND));
            case CUDA -> ND4JClassLoading.setNd4jClassloader(ScoringBackendLoader.hiding(parent, CPU_BACKEND));
            case NONE -> {
                // nothing to load; a score that runs anyway fails in ND4J with its own message
            }
        }
    }

    /** The choice given to {@link #use}, or {@code null} when none was made (library use: ND4J's own default). */
    public static ScoringBackendChoice chosen() {
        return chosen;
    }

    /** Prints the choice's note, once per {@link #use}; called where the scores start ND4J. */
    static void noteOnce() {
        ScoringBackendChoice c = chosen;
        if (!noted && c != null && c.note() != null) {
            synchronized (ScoringBackendSelection.class) {
                if (!noted) {
                    noted = true;
                    notes.accept(c.note());
                }
            }
        }
    }

    private static ClassLoader loader() {
        return ScoringBackendSelection.class.getClassLoader();
    }
}
