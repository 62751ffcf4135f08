package dev.modelscout.cli;

import org.junit.jupiter.api.Test;

class DoctorIT {

    @Test
    void doctorPrintsRealBackEndValues() {
        CliTest.run("doctor").expectExit(0)
                .expectOut("PyTorch 2.")
                .expectOut("cpu linux-x86_64")
                .expectOut("OPENBLAS")
                .expectOut("forward pass on cpu")
                .expectOut("ok (")
                .expectErr("no usable CUDA device");
    }

    @Test
    void doctorOnCpuGivesNoWarning() {
        CliTest r = CliTest.run("--device", "cpu", "doctor").expectExit(0).expectOut("resolves to cpu");
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void unusableCudaDeviceIsAOneLineError() {
        CliTest.run("doctor", "--device", "cuda:0").expectExit(1).expectErr("device cuda:0 is not usable");
    }
}
