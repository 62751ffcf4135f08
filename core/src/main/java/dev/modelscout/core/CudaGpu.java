package dev.modelscout.core;

import java.util.Locale;

/**
 * One CUDA device as the CUDA runtime numbers it ({@code cuda:index}, after {@code CUDA_VISIBLE_DEVICES}), with
 * its name and compute capability {@code major.minor} (9.0 for Hopper, 8.9 for Ada, 8.6 / 8.0 for Ampere).
 * The engine reads it; scoring decides from it which ND4J back end can run.
 */
public record CudaGpu(int index, String name, int major, int minor) {

    public CudaGpu {
        if (index < 0 || major < 1 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("not a CUDA device: cuda:" + index + " " + major + "." + minor);
        }
        name = name == null || name.isBlank() ? "unknown GPU" : name.strip();
    }

    /**
     * Parses the compute capability the way DJL's {@code CudaUtils.getComputeCapability} writes it: major and
     * minor concatenated ({@code "90"}, {@code "86"}, {@code "100"}, {@code "120"}); the minor is one digit.
     */
    public static CudaGpu of(int index, String name, String majorMinorDigits) {
        String s = majorMinorDigits == null ? "" : majorMinorDigits.strip();
        if (s.length() < 2 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("unexpected compute capability '" + majorMinorDigits + "' of cuda:"
                    + index);
        }
        return new CudaGpu(index, name, Integer.parseInt(s.substring(0, s.length() - 1)),
                s.charAt(s.length() - 1) - '0');
    }

    /** {@code sm_90}: the name of the SASS architecture this chip executes natively. */
    public String sm() {
        return "sm_" + major + minor;
    }

    /** {@code 9.0}. */
    public String capability() {
        return major + "." + minor;
    }

    /** {@code cuda:0 NVIDIA H200, compute capability 9.0 (sm_90)}. */
    public String describe() {
        return String.format(Locale.ROOT, "cuda:%d %s, compute capability %s (%s)", index, name, capability(), sm());
    }
}
