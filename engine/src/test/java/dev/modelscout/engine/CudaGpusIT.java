package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelscout.core.CudaGpu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GPUs read without PyTorch or ND4J (CUDA runtime / driver), checked against what the machine has. */
class CudaGpusIT {

    @Test
    void agreeWithPyTorchWhereItSeesGpus() {
        int n = PyTorchRuntime.cudaDeviceCount();
        assumeTrue(n > 0, "PyTorch sees no CUDA device here (CPU natives, or no GPU)");
        List<CudaGpu> gpus = PyTorchRuntime.cudaGpus();
        assertEquals(n, gpus.size(), gpus.toString());
        for (int i = 0; i < n; i++) {
            CudaGpu g = gpus.get(i);
            assertEquals(i, g.index());
            assertTrue(g.major() >= 3, g.describe());
            assertNotEquals("unknown GPU", g.name(), "the driver gave no name: " + g.describe());
        }
    }

    @Test
    void noneWithoutAnNvidiaDriver() {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia")), "an NVIDIA driver is loaded here");
        assertEquals(List.of(), PyTorchRuntime.cudaGpus());
    }
}
