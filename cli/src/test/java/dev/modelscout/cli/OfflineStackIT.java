package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Device;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.engine.Offline;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.scoring.ScoringBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the DJL PyTorch engine and ND4J in one JVM, runs a forward pass and a matrix product, and
 * proves that nothing attempted a network connection on the way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineStackIT {

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
        NetworkGuard.ATTEMPTS.clear();
    }

    @Test
    @Order(1)
    void guardCatchesConnectionAttempts() {
        assertThrows(RuntimeException.class, () -> {
            try (InputStream in = URI.create("http://example.org/").toURL().openStream()) {
                in.read();
            }
        });
        assertThrows(RuntimeException.class, () -> new Socket("127.0.0.1", 9).close());
        assertEquals(2, NetworkGuard.ATTEMPTS.size(), NetworkGuard.ATTEMPTS::toString);
        NetworkGuard.ATTEMPTS.clear();
    }

    @Test
    @Order(2)
    void engineAndNd4jStartAndComputeOffline() {
        Offline.enable();
        assertTrue(Offline.isEnabled());
        Device device = PyTorchRuntime.resolve(Device.AUTO, msg -> { });
        assertArrayEquals(DoctorCommand.FORWARD_EXPECTED, PyTorchRuntime.selfTestForwardPass(device), 1e-6);
        FeatureMatrix a = FeatureMatrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        FeatureMatrix b = FeatureMatrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        assertArrayEquals(new double[] {4, 5, 10, 11}, ScoringBackend.selfTestMatrixProduct(a, b).data(), 1e-12);
        assertTrue(PyTorchRuntime.describe().stream().anyMatch(d -> d.name().equals("engine")
                && d.value().startsWith("PyTorch ")));
        // the backend found on this machine (cpu, or cuda in a CUDA build on a GPU node) reports itself
        String kind = ScoringBackend.kind();
        assertTrue(ScoringBackend.describe().stream().anyMatch(d -> d.name().equals("backend")
                && d.value().startsWith(kind)), kind);
        assertEquals(0, NetworkGuard.ATTEMPTS.size(), () -> "network attempts: " + NetworkGuard.ATTEMPTS);
    }
}
