package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Diagnostic;
import dev.modelscout.core.FeatureMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code modelscout doctor} says about the scores' linear algebra, read off the running system: loads
 * ND4J's natives. Holds for the back end found, CPU or CUDA.
 */
class ScoringBackendIT {

    private static Diagnostic line(List<Diagnostic> lines, String prefix) {
        return lines.stream().filter(d -> d.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in " + lines));
    }

    @Test
    void doctorReportsTheLapackPathInUse() {
        List<Diagnostic> lines = ScoringBackend.describe();
        Diagnostic lapack = line(lines, "eigendecomposition");
        assertTrue(lapack.value().contains("LAPACK"), lapack.value());
        assertFalse(lapack.value().startsWith("NOT AVAILABLE"), lapack.value());
        Diagnostic products = line(lines, "matrix products");
        assertTrue(products.value().contains("DOUBLE"), products.value());
    }

    @Test
    void doctorDescribesTheBackendItFound() {
        String kind = ScoringBackend.kind();
        assertTrue(kind.equals("cpu") || kind.equals("cuda"), kind);
        List<Diagnostic> lines = ScoringBackend.describe();
        Diagnostic backend = line(lines, "backend");
        assertTrue(backend.value().startsWith(kind + " ("), backend.value());
        Diagnostic products = line(lines, "matrix products");
        Diagnostic lapack = line(lines, "eigendecomposition");
        if (kind.equals("cuda")) {
            assertTrue(products.value().contains("cuBLAS"), products.value());
            assertTrue(lapack.value().contains("host fallback"), lapack.value());
        } else {
            assertTrue(products.value().contains("OpenBLAS"), products.value());
            assertFalse(lapack.value().contains("CUDA"), lapack.value());
        }
    }

    @Test
    void matrixProductSelfTestComputesOnTheBackendFound() {
        FeatureMatrix a = new FeatureMatrix(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        FeatureMatrix b = new FeatureMatrix(3, 1, new double[] {1, 0, -1});
        FeatureMatrix c = ScoringBackend.selfTestMatrixProduct(a, b);
        assertEquals(2, c.rows());
        assertEquals(1, c.cols());
        assertEquals(-2, c.data()[0], 1e-12);
        assertEquals(-2, c.data()[1], 1e-12);
    }

    @Test
    void theChoicesNoteIsPrintedOnceWhenTheScoresStartNd4j() {
        java.util.List<String> printed = new java.util.ArrayList<>();
        ScoringBackendChoice fallback = new ScoringBackendChoice(ScoringBackendChoice.Kind.CPU, "test reason",
                "scoring: test note; scores run on the CPU");
        ScoringBackendSelection.use(fallback, printed::add);
        try {
            assertEquals("cpu", ScoringBackend.kind());
            ScoringBackend.kind();
            assertEquals(List.of("scoring: test note; scores run on the CPU"), printed);
            assertTrue(ScoringBackend.describe().stream().noneMatch(d -> d.name().equals("WARNING")));
        } finally {
            ScoringBackendSelection.use(new ScoringBackendChoice(ScoringBackendChoice.Kind.CPU, "reset", null),
                    s -> { });
        }
    }
}
