package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.modelscout.engine.PyTorchRuntime;
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
            r.expectOut("cpu linux-x86_64").expectOut("forward pass on cpu").expectErr("no usable CUDA device");
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
}
