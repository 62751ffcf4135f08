package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code modelscout doctor} says about the scores' linear algebra, read off the running system. */
class ScoringBackendTest {

    @Test
    void doctorReportsTheLapackPathInUse() {
        List<Diagnostic> lines = ScoringBackend.describe();
        Diagnostic lapack = lines.stream().filter(d -> d.name().startsWith("eigendecomposition")).findFirst()
                .orElseThrow(() -> new AssertionError("no eigendecomposition line in " + lines));
        assertTrue(lapack.value().contains("LAPACK"), lapack.value());
        assertFalse(lapack.value().startsWith("NOT AVAILABLE"), lapack.value());
        Diagnostic products = lines.stream().filter(d -> d.name().startsWith("matrix products")).findFirst()
                .orElseThrow();
        assertEquals("cpu", ScoringBackend.kind());
        assertTrue(products.value().contains("DOUBLE"), products.value());
    }
}
