package dev.modelscout.cli;

import dev.modelscout.core.Device;
import dev.modelscout.core.Diagnostic;
import dev.modelscout.core.FeatureMatrix;
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
        lines.add(new Diagnostic("DJL / PyTorch", "forward pass on " + resolved,
                check(() -> PyTorchRuntime.selfTestForwardPass(resolved), FORWARD_EXPECTED)));
        lines.addAll(ScoringBackend.describe());
        FeatureMatrix left = FeatureMatrix.of(new double[][] {{1, 2}, {3, 4}});
        FeatureMatrix right = FeatureMatrix.of(new double[][] {{5, 6}, {7, 8}});
        lines.add(new Diagnostic("ND4J", "matrix product",
                check(() -> ScoringBackend.selfTestMatrixProduct(left, right).data(), new double[] {19, 22, 43, 50})));
        Table.of("section", "item", "value")
                .addAll(lines.stream().sorted((a, b) -> Integer.compare(order(a.section()), order(b.section())))
                        .map(d -> List.of(d.section(), d.name(), d.value())).toList())
                .print(out);
        out.flush();
        return 0;
    }

    /** Output of {@link PyTorchRuntime#selfTestForwardPass}: relu(W x + b), worked out by hand. */
    static final double[] FORWARD_EXPECTED = {1.1, 0.25, 0.0};

    private static String check(java.util.function.Supplier<double[]> run, double[] expected) {
        long t0 = System.nanoTime();
        try {
            double[] got = run.get();
            double ms = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < expected.length; i++) {
                if (got.length != expected.length || Math.abs(got[i] - expected[i]) > 1e-5) {
                    return "WRONG RESULT " + java.util.Arrays.toString(got) + ", expected "
                            + java.util.Arrays.toString(expected);
                }
            }
            return String.format(java.util.Locale.ROOT, "ok (%.1f ms)", ms);
        } catch (RuntimeException e) {
            return "FAILED: " + ErrorHandler.oneLine(e.getMessage());
        }
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
