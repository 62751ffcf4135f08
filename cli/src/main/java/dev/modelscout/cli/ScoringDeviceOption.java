package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.scoring.ScoringDevice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --scoring-device}: where the transferability scores (ND4J) run. Mixed into the top command and into each
 * command that computes scores (score, recommend, finetune, select, jobs run, bench scores, doctor); stored in the
 * top command's {@link GlobalOptions}, as {@link DeviceOption} is.
 */
public final class ScoringDeviceOption {

    private @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--scoring-device", paramLabel = "auto|cpu|cuda",
            description = "Where the scores (ND4J) run: auto (ND4J CUDA when this build has it and its kernels cover "
                    + "every visible GPU, else the CPU, with one line saying why), cpu, or cuda (an error where it "
                    + "cannot run). Default: auto.")
    void setScoringDevice(String value) {
        ScoringDevice parsed;
        try {
            parsed = ScoringDevice.parse(value);
        } catch (InvalidOptionException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        GlobalOptions.of(mixee).scoringDevice(parsed);
    }
}
