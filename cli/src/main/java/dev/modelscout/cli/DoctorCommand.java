package dev.modelscout.cli;

import dev.modelscout.core.Device;
import dev.modelscout.core.Diagnostic;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.scoring.ScoringBackend;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code modelscout doctor}: what this installation really runs on, read off the running system. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Print the Java, DJL/PyTorch and ND4J back ends in use, the CUDA devices seen and the caches.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Diagnostic> lines = new ArrayList<>();
        lines.add(new Diagnostic("Java", "version", System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")"));
        lines.add(new Diagnostic("Java", "processors / max heap", Runtime.getRuntime().availableProcessors()
                + " / " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB"));
        lines.addAll(PyTorchRuntime.describe());
        Device requested = GlobalOptions.of(spec).device();
        Device resolved = PyTorchRuntime.resolve(requested, err::println);
        lines.add(new Diagnostic("DJL / PyTorch", "--device " + requested, "resolves to " + resolved));
        lines.addAll(ScoringBackend.describe());
        Table.of("section", "item", "value")
                .addAll(lines.stream().sorted((a, b) -> Integer.compare(order(a.section()), order(b.section())))
                        .map(d -> List.of(d.section(), d.name(), d.value())).toList())
                .print(out);
        out.flush();
        return 0;
    }

    private static int order(String section) {
        return switch (section) {
            case "Java" -> 0;
            case "DJL / PyTorch" -> 1;
            case "ND4J" -> 2;
            case "scoring" -> 3;
            default -> 9;
        };
    }
}
