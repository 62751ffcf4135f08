package dev.modelscout.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.modelscout.core.CudaGpu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of the NVIDIA driver API ({@code libcuda.so.1}, present wherever the driver is) that tell the
 * GPUs' names, which DJL's {@code CudaUtils} does not, and their compute capabilities where DJL finds no CUDA
 * runtime ({@code libcudart}) on the library path. Called through JNA (which DJL's api already depends on);
 * nothing is loaded until the first call. Device ordinals are the CUDA runtime's: both honour
 * {@code CUDA_VISIBLE_DEVICES} and {@code CUDA_DEVICE_ORDER}.
 */
final class CudaDriver {

    /** {@code cuda.h}: CUresult, CUdevice is an int. */
    interface Lib extends Library {
        int cuInit(int flags);

        int cuDeviceGetCount(int[] count);

        int cuDeviceGet(int[] device, int ordinal);

        int cuDeviceGetName(byte[] name, int len, int device);

        int cuDeviceGetAttribute(int[] value, int attribute, int device);
    }

    private static final int COMPUTE_CAPABILITY_MAJOR = 75;
    private static final int COMPUTE_CAPABILITY_MINOR = 76;

    private static Optional<Lib> lib;

    private CudaDriver() {
    }

    private static synchronized Optional<Lib> lib() {
        if (lib == null) {
            Optional<Lib> found;
            try {
                Lib l = Native.load("libcuda.so.1", Lib.class);
                found = l.cuInit(0) == 0 ? Optional.of(l) : Optional.empty();
            } catch (LinkageError e) {
                found = Optional.empty(); // no NVIDIA driver on this machine
            }
            lib = found;
        }
        return lib;
    }

    /** The driver's name of CUDA device {@code ordinal} ({@code NVIDIA H200}), or empty without a driver. */
    static Optional<String> name(int ordinal) {
        return lib().flatMap(l -> {
            int[] dev = new int[1];
            byte[] buf = new byte[256];
            if (l.cuDeviceGet(dev, ordinal) != 0 || l.cuDeviceGetName(buf, buf.length, dev[0]) != 0) {
                return Optional.empty();
            }
            int n = 0;
            while (n < buf.length && buf[n] != 0) {
                n++;
            }
            return Optional.of(new String(buf, 0, n, StandardCharsets.UTF_8));
        });
    }

    /** Every CUDA device the driver sees, with name and compute capability; empty without a driver. */
    static List<CudaGpu> gpus() {
        List<CudaGpu> out = new ArrayList<>();
        Optional<Lib> found = lib();
        if (found.isEmpty()) {
            return out;
        }
        Lib l = found.get();
        int[] count = new int[1];
        if (l.cuDeviceGetCount(count) != 0) {
            return out;
        }
        for (int i = 0; i < count[0]; i++) {
            int[] dev = new int[1];
            int[] major = new int[1];
            int[] minor = new int[1];
            if (l.cuDeviceGet(dev, i) == 0
                    && l.cuDeviceGetAttribute(major, COMPUTE_CAPABILITY_MAJOR, dev[0]) == 0
                    && l.cuDeviceGetAttribute(minor, COMPUTE_CAPABILITY_MINOR, dev[0]) == 0) {
                out.add(new CudaGpu(i, name(i).orElse(null), major[0], minor[0]));
            }
        }
        return out;
    }
}
