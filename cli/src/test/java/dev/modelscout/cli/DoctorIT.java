package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.modelscout.core.CudaGpu;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.scoring.ScoringBackendSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** doctor reports what this machine really has: the assertions follow the devices found, CPU-only or with CUDA. */
class DoctorIT {

    private static final boolean CUDA = PyTorchRuntime.cudaDeviceCount() > 0;

    @Test
    void doctorPrintsRealBackEndValues() {
        CliTest r = CliTest.run("doctor").expectExit(0)
                .expectOut("PyTorch 2.")
                .expectOut("OPENBLAS")
                .expectOut("ok (");
        if (CUDA) {
            r.expectOut("forward pass on cuda:0");
            assertFalse(r.err().contains("no usable CUDA device"), r.err());
        } else {
            // doctor is where a CPU build says why auto resolved to the CPU (on stdout, in its table); other
            // commands say nothing of CUDA under auto on a CPU build
            r.expectOut("cpu linux-x86_64").expectOut("forward pass on cpu").expectOut("resolves to cpu (no usable CUDA device");
        }
    }

    @Test
    void doctorOnCpuGivesNoWarning() {
        CliTest r = CliTest.run("--device", "cpu", "doctor").expectExit(0).expectOut("resolves to cpu");
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void aDeviceThatDoesNotExistIsAOneLineError() {
        // cuda:N past the last device found: on a CPU machine that is cuda:0, on a GPU machine the one after the last.
        int missing = PyTorchRuntime.cudaDeviceCount();
        CliTest.run("doctor", "--device", "cuda:" + missing).expectExit(1)
                .expectErr("device cuda:" + missing + " is not usable");
    }

    @Test
    void doctorPrintsTheGpusTheKernelCoverageAndTheScoresChoice() {
        List<CudaGpu> gpus = PyTorchRuntime.cudaGpus();
        CliTest r = CliTest.run("--device", "cpu", "doctor").expectExit(0)
                .expectOut("ND4J CUDA kernels (nd4j-cuda-11.6 1.0.0-M2.1 (libnd4jcuda.so))")
                .expectOut("SASS sm_37, sm_50, sm_52, sm_60, sm_61, sm_70, sm_75, sm_80, sm_86; no PTX")
                .expectOut("scores run on");
        if (gpus.isEmpty()) {
            r.expectOut("none visible");
        }
        for (CudaGpu g : gpus) {
            r.expectOut(g.name() + ", compute capability " + g.capability())
                    .expectOut("ND4J CUDA on cuda:" + g.index());
        }
        if (!ScoringBackendSelection.build().cuda()) {
            r.expectOut("cpu: this build carries ND4J's CPU back end only");
            assertFalse(r.err().contains("scoring:"), r.err());
        }
    }
}
