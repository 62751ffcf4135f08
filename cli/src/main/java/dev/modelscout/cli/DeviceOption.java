package dev.modelscout.cli;

import dev.modelscout.core.Device;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --device}: where backbones run (PyTorch). Mixed into the top command, so that one {@code modelscout
 * --device cpu COMMAND} fits every command of a script, and into each command that runs a backbone (extract,
 * score, recommend, finetune, select, zoo add and source, jobs plan and run, bench extract, doctor), whose help
 * shows it; the others do not accept it after their name. The value is stored in the top command's
 * {@link GlobalOptions}, wherever it was given.
 */
public final class DeviceOption {

    private @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda[:N]",
            description = "Where backbones run: auto (CUDA device 0 when usable, else the CPU with one warning), "
                    + "cpu, cuda or cuda:N. Default: auto.")
    void setDevice(String value) {
        Device parsed;
        try {
            parsed = Device.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        GlobalOptions.of(mixee).device(parsed);
    }
}
