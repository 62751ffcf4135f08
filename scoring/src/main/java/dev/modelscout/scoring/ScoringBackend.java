package dev.modelscout.scoring;

import dev.modelscout.core.Diagnostic;
import dev.modelscout.core.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J back end the scores run on (CPU or CUDA, chosen by the jars cuda-profiles puts on the class
 * path), described for {@code modelscout doctor}. Nothing here loads natives before it is called.
 */
public final class ScoringBackend {

    private ScoringBackend() {
    }

    /**
     * {@code cpu} or {@code cuda}: the ND4J backend in use; loads ND4J's natives (the back end
     * {@link ScoringBackendSelection#use} chose, if it was called first), and prints the choice's note once.
     */
    public static String kind() {
        ScoringBackendSelection.noteOnce();
        String name = Nd4j.getBackend().getClass().getSimpleName();
        return name.toLowerCase(java.util.Locale.ROOT).contains("cuda")
                || name.toLowerCase(java.util.Locale.ROOT).contains("jcublas") ? "cuda" : "cpu";
    }

    /**
     * Multiplies two matrices with ND4J's BLAS in double precision and returns the product
     * (row-major). Proves that the ND4J natives load and compute.
     */
    public static FeatureMatrix selfTestMatrixProduct(FeatureMatrix a, FeatureMatrix b) {
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException("cannot multiply " + a + " by " + b);
        }
        try (INDArray x = Nd4j.create(a.data(), new long[] {a.rows(), a.cols()}, DataType.DOUBLE);
             INDArray y = Nd4j.create(b.data(), new long[] {b.rows(), b.cols()}, DataType.DOUBLE);
             INDArray z = x.mmul(y)) {
            return new FeatureMatrix(a.rows(), b.cols(), z.dup('c').data().asDouble());
        }
    }

    private static String problem(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** What {@code modelscout doctor} prints about ND4J; loads ND4J's natives. */
    public static List<Diagnostic> describe() {
        List<Diagnostic> out = new ArrayList<>();
        String section = "ND4J";
        try {
            out.add(new Diagnostic(section, "backend", kind() + " (" + Nd4j.getBackend().getClass().getName() + ")"));
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            out.add(new Diagnostic(section, "BLAS vendor", String.valueOf(env.getOrDefault("blas.vendor", "?"))));
            out.add(new Diagnostic(section, "threads", "omp " + env.getOrDefault("omp.threads", "?")
                    + ", cores " + env.getOrDefault("cores", "?")));
            out.add(new Diagnostic(section, "data type", "scores compute in DOUBLE (ND4J default for other arrays: "
                    + Nd4j.dataType() + ")"));
            boolean cuda = "cuda".equals(kind());
            out.add(new Diagnostic(section, "matrix products (scores)", cuda
                    ? "ND4J gemm on the GPU (cuBLAS), DOUBLE precision"
                    : "OpenBLAS dsyrk for F^T F, ND4J gemm for the rest, DOUBLE precision"));
            out.add(new Diagnostic(section, "eigendecomposition / Cholesky (scores)", Linalg.lapackDescription()
                    + (cuda ? "; CUDA back end: host fallback, on D x D (or N x N) matrices only" : "")));
            Object devices = env.get("cuda.availableDevices");
            if (devices != null) {
                out.add(new Diagnostic(section, "CUDA devices", devices.toString()));
            }
            ScoringBackendChoice chosen = ScoringBackendSelection.chosen();
            if (chosen != null && chosen.kind() != ScoringBackendChoice.Kind.NONE
                    && !chosen.kind().name().equalsIgnoreCase(kind())) {
                out.add(new Diagnostic(section, "WARNING", "ND4J runs on " + kind() + ", not the " + chosen.describe()
                        + " (ND4J had started before the choice)"));
            }
        } catch (RuntimeException | LinkageError e) {
            out.add(new Diagnostic(section, "backend", "NOT AVAILABLE: " + problem(e)));
        }
        out.add(new Diagnostic("caches", "JavaCPP cache (ND4J, OpenBLAS natives)",
                System.getProperty("org.bytedeco.javacpp.cachedir",
                        System.getProperty("user.home") + "/.javacpp/cache")));
        return out;
    }
}
