package dev.modelscout.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import dev.modelscout.core.CudaGpu;
import dev.modelscout.core.Device;
import dev.modelscout.core.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The DJL PyTorch engine as this program uses it: started offline, asked which devices it can use,
 * and described for {@code modelscout doctor}. DJL types stay inside this module.
 */
public final class PyTorchRuntime {

    public static final String ENGINE_NAME = "PyTorch";

    private PyTorchRuntime() {
    }

    /** Starts (once) and returns the PyTorch engine, offline. */
    static Engine engine() {
        Offline.enable();
        try {
            return Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new EngineException("cannot start the DJL PyTorch engine (are the native jars from "
                    + "cuda-profiles on the class path?): " + e.getMessage(), e);
        }
    }

    /** Number of CUDA devices the PyTorch natives can use (0 with the CPU flavour). */
    public static int cudaDeviceCount() {
        return engine().getGpuCount();
    }

    /**
     * The CUDA devices this process can see, with name and compute capability, read without starting the
     * PyTorch engine or ND4J: through DJL's {@code CudaUtils} (the CUDA runtime, {@code libcudart}, found on
     * the library path), and where DJL finds no runtime, through the driver ({@code libcuda.so.1}); the
     * names always come from the driver. Empty on a machine without an NVIDIA driver or GPU; never throws.
     */
    public static List<CudaGpu> cudaGpus() {
        try {
            int n = CudaUtils.getGpuCount();
            if (n > 0) {
                List<CudaGpu> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(CudaGpu.of(i, CudaDriver.name(i).orElse(null), CudaUtils.getComputeCapability(i)));
                }
                return out;
            }
        } catch (RuntimeException | LinkageError e) {
            // a CUDA runtime that fails to answer: ask the driver below
        }
        try {
            return CudaDriver.gpus();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    /**
     * Resolves what the user asked for against what is usable: {@code auto} becomes {@code cuda:0} when a
     * CUDA device is usable, else the CPU, with one warning only where the build carries CUDA natives
     * ({@link #warnsOnCpuFallback}); an unusable {@code cuda:N} is an error.
     */
    public static Device resolve(Device requested, Consumer<String> warn) {
        int gpus = cudaDeviceCount();
        return switch (requested.kind()) {
            case CPU -> Device.CPU;
            case AUTO -> {
                if (gpus > 0) {
                    yield Device.cuda(0);
                }
                if (warnsOnCpuFallback(flavour())) {
                    warn.accept("warning: " + cpuFallback());
                }
                yield Device.CPU;
            }
            case CUDA -> {
                if (requested.index() >= gpus) {
                    throw new EngineException("device " + requested + " is not usable: PyTorch (" + flavour()
                            + " natives) sees " + gpus + " CUDA device(s)");
                }
                yield requested;
            }
        };
    }

    /**
     * Whether {@code auto} falling back to the CPU is worth a warning: only for a build whose PyTorch natives are
     * a CUDA flavour ({@code cu124}, ...) or unknown, where a missing GPU is a surprise. A CPU build on a machine
     * without a GPU is what it was built for and says nothing (doctor shows it, and {@code --device cuda} is an
     * error naming it).
     */
    static boolean warnsOnCpuFallback(String flavour) {
        return !"cpu".equals(flavour);
    }

    /** "no usable CUDA device (PyTorch cpu natives); using the CPU": why {@code auto} resolved to the CPU. */
    public static String cpuFallback() {
        return "no usable CUDA device (PyTorch " + flavour() + " natives); using the CPU";
    }

    static ai.djl.Device toDjl(Device device) {
        return device.isCuda() ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu();
    }

    /** The flavour of the PyTorch natives on the class path: {@code cpu}, {@code cu124}, ... */
    public static String flavour() {
        Properties p = nativeProperties();
        String f = p.getProperty("flavor");
        return f == null ? "unknown" : f;
    }

    private static Properties nativeProperties() {
        Properties p = new Properties();
        try (InputStream in = PyTorchRuntime.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // leave empty: reported as unknown
        }
        return p;
    }

    /**
     * Runs a small fixed forward pass (a 4 -> 3 linear layer with known weights, then ReLU) on the device
     * and returns its output. Proves that the natives load and compute on that device.
     */
    public static double[] selfTestForwardPass(Device device) {
        engine();
        try (NDManager manager = NDManager.newBaseManager(toDjl(device), ENGINE_NAME)) {
            NDArray x = manager.create(new float[] {1f, -2f, 0.5f, 3f}, new Shape(1, 4));
            NDArray w = manager.create(new float[] {
                0.1f, 0.2f, 0.3f, 0.4f,
                -0.5f, 0.6f, -0.7f, 0.8f,
                1.0f, 1.0f, 1.0f, -1.0f}, new Shape(3, 4));
            NDArray b = manager.create(new float[] {0.05f, -0.1f, 0.2f}, new Shape(3));
            NDList out = Linear.linear(x, w, b);
            NDArray y = Activation.relu(out.singletonOrThrow());
            float[] v = y.toFloatArray();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return d;
        } catch (RuntimeException e) {
            throw new EngineException("forward pass on " + device + " failed: " + e.getMessage(), e);
        }
    }

    /** What {@code modelscout doctor} prints about DJL and PyTorch; starts the engine. */
    public static List<Diagnostic> describe() {
        List<Diagnostic> out = new ArrayList<>();
        String section = "DJL / PyTorch";
        out.add(new Diagnostic(section, "DJL version", String.valueOf(Engine.getDjlVersion())));
        Properties p = nativeProperties();
        out.add(new Diagnostic(section, "PyTorch natives (jar)",
                p.getProperty("version", "?") + " " + p.getProperty("flavor", "?")
                        + " " + p.getProperty("classifier", "")));
        String override = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
        if (override != null && !override.isBlank()) {
            out.add(new Diagnostic(section, "libtorch (PYTORCH_LIBRARY_PATH, used instead of the jar's)", override
                    + ", PYTORCH_VERSION=" + Utils.getEnvOrSystemProperty("PYTORCH_VERSION", "?")
                    + ", PYTORCH_FLAVOR=" + Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR", "?")
                    + ", JNI from ENGINE_CACHE_DIR="
                    + Utils.getEnvOrSystemProperty("ENGINE_CACHE_DIR", "(DJL cache)")));
        }
        out.add(new Diagnostic(section, "offline", System.getProperty(Offline.DJL_OFFLINE)
                + " (OPT_OUT_TRACKING=" + System.getProperty(Offline.OPT_OUT_TRACKING) + ")"));
        try {
            Engine engine = engine();
            out.add(new Diagnostic(section, "engine", engine.getEngineName() + " " + engine.getVersion()));
            int gpus = engine.getGpuCount();
            out.add(new Diagnostic(section, "CUDA devices", Integer.toString(gpus)));
            for (int i = 0; i < gpus; i++) {
                out.add(new Diagnostic(section, "cuda:" + i, ai.djl.Device.gpu(i).toString()));
            }
            out.add(new Diagnostic(section, "default device", engine.defaultDevice().toString()));
        } catch (EngineException e) {
            out.add(new Diagnostic(section, "engine", "NOT AVAILABLE: " + e.getMessage()));
        }
        out.add(new Diagnostic("caches", "DJL cache", Utils.getCacheDir().toString()));
        out.add(new Diagnostic("caches", "DJL engine cache (natives)", Utils.getEngineCacheDir().toString()));
        return out;
    }
}
