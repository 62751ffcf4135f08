package dev.modelscout.cli;

import dev.modelscout.core.CudaGpu;
import dev.modelscout.core.Device;
import dev.modelscout.core.Diagnostic;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.scoring.ScoringBackend;
import dev.modelscout.scoring.ScoringBackendChoice;
import dev.modelscout.scoring.ScoringBackendKernels;
import dev.modelscout.scoring.ScoringBackendSelection;
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
        description = "Print the Java, DJL/PyTorch and ND4J back ends in use, the CUDA devices seen (name, compute "
                + "capability), the scores' back-end choice with its reason, and the caches.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Mixin
    ScoringDeviceOption scoringDevice;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Diagnostic> lines = new ArrayList<>();
        lines.add(new Diagnostic("Java", "version", System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")"));
        lines.add(new Diagnostic("Java", "processors / max heap", Runtime.getRuntime().availableProcessors()
                + " / " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB"));
        List<CudaGpu> gpus = PyTorchRuntime.cudaGpus();
        lines.addAll(gpuLines(gpus));
        lines.addAll(PyTorchRuntime.describe());
        Device requested = GlobalOptions.of(spec).device();
        Device resolved = PyTorchRuntime.resolve(requested, err::println);
        lines.add(new Diagnostic("DJL / PyTorch", "--device " + requested, "resolves to " + resolved
                + (requested.kind() == Device.Kind.AUTO && !resolved.isCuda() ? " (" + PyTorchRuntime.cpuFallback() + ")"
                        : "")));
        lines.add(new Diagnostic("DJL / PyTorch", "forward pass on " + resolved,
                check(() -> PyTorchRuntime.selfTestForwardPass(resolved), FORWARD_EXPECTED)));
        ScoringBackendChoice choice = ScoringBackendSelection.chosen();
        if (choice == null) {
            choice = ScoringBackendSetup.choose(GlobalOptions.of(spec).scoringDevice());
        }
        lines.addAll(scoringLines(choice, gpus));
        if (choice.kind() == ScoringBackendChoice.Kind.NONE) {
            lines.add(new Diagnostic("ND4J", "backend", "none: " + choice.reason()));
        } else {
            lines.addAll(ScoringBackend.describe());
            FeatureMatrix left = FeatureMatrix.of(new double[][] {{1, 2}, {3, 4}});
            FeatureMatrix right = FeatureMatrix.of(new double[][] {{5, 6}, {7, 8}});
            lines.add(new Diagnostic("ND4J", "matrix product", check(
                    () -> ScoringBackend.selfTestMatrixProduct(left, right).data(), new double[] {19, 22, 43, 50})));
        }
        Table.of("section", "item", "value")
                .addAll(lines.stream().sorted((a, b) -> Integer.compare(order(a.section()), order(b.section())))
                        .map(d -> List.of(d.section(), d.name(), d.value())).toList())
                .print(out);
        out.flush();
        return 0;
    }

    /** One line per visible GPU: name and compute capability, as the CUDA runtime or driver reports them. */
    static List<Diagnostic> gpuLines(List<CudaGpu> gpus) {
        List<Diagnostic> out = new ArrayList<>();
        if (gpus.isEmpty()) {
            out.add(new Diagnostic("GPUs", "CUDA devices", "none visible (no NVIDIA driver, or no GPU)"));
        }
        for (CudaGpu g : gpus) {
            out.add(new Diagnostic("GPUs", "cuda:" + g.index(), g.name() + ", compute capability " + g.capability()
                    + " (" + g.sm() + ")"));
        }
        return out;
    }

    /** The scores' back end: what the build carries, ND4J CUDA's kernel list and each GPU's verdict, the choice. */
    static List<Diagnostic> scoringLines(ScoringBackendChoice choice, List<CudaGpu> gpus) {
        ScoringBackendKernels kernels = ScoringBackendKernels.ND4J_CUDA;
        List<Diagnostic> out = new ArrayList<>();
        out.add(new Diagnostic("scoring", "ND4J back ends in this build", ScoringBackendSelection.build().describe()));
        out.add(new Diagnostic("scoring", "ND4J CUDA kernels (" + kernels.library() + ")", kernels.describe()));
        for (CudaGpu g : gpus) {
            out.add(new Diagnostic("scoring", "ND4J CUDA on cuda:" + g.index() + " (" + g.sm() + ")",
                    kernels.codeFor(g).map(c -> "runs its " + c).orElse("no kernels: cannot run there")));
        }
        out.add(new Diagnostic("scoring", "scores run on", choice.describe()));
        return out;
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
        } catch (RuntimeException | LinkageError e) {
            return "FAILED: " + ErrorHandler.oneLine(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private static int order(String section) {
        return switch (section) {
            case "Java" -> 0;
            case "GPUs" -> 1;
            case "DJL / PyTorch" -> 2;
            case "ND4J" -> 3;
            case "scoring" -> 4;
            default -> 9;
        };
    }
}
