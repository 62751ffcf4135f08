package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * ND4J's back-end lookup (a ServiceLoader over ND4J's class loader) sees only what the loader leaves. The test
 * class path carries nd4j-native; nothing is instantiated, so no native loads.
 */
class ScoringBackendLoaderTest {

    private static List<String> backends(ClassLoader loader) {
        return ServiceLoader.load(Nd4jBackend.class, loader).stream().map(p -> p.type().getName()).toList();
    }

    @Test
    void hidingTheCpuBackendLeavesNd4jNoCpuBackend() {
        ClassLoader parent = getClass().getClassLoader();
        assertEquals(List.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), backends(parent));
        ClassLoader hiding = ScoringBackendLoader.hiding(parent, ScoringBackendSelection.CPU_BACKEND);
        assertEquals(List.of(), backends(hiding));
        // classes and other resources still come from the parent
        assertNotNull(hiding.getResource(ScoringBackendSelection.CPU_BACKEND));
    }

    @Test
    void hidingAnAbsentBackendChangesNothing() {
        ClassLoader parent = getClass().getClassLoader();
        ClassLoader l = ScoringBackendLoader.hiding(parent, ScoringBackendSelection.CUDA_BACKEND);
        assertSame(parent, l);
        assertEquals(List.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), backends(l));
    }

    @Test
    void thisTestClassPathIsACpuOnlyBuild() {
        assertEquals(new ScoringBackendChoice.Build(true, false), ScoringBackendSelection.build());
    }
}
