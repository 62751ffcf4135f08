package dev.modelscout.core;

import java.util.Locale;

/**
 * Where computation should run, as the user asked for it: {@code auto}, {@code cpu}, {@code cuda}
 * (device 0) or {@code cuda:N}. Resolving {@code auto} against what is really usable is the engine's job.
 */
public record Device(Kind kind, int index) {

    public enum Kind { AUTO, CPU, CUDA }

    public static final Device AUTO = new Device(Kind.AUTO, -1);
    public static final Device CPU = new Device(Kind.CPU, -1);

    public Device {
        if (kind == Kind.CUDA && index < 0) {
            throw new IllegalArgumentException("a CUDA device needs an index >= 0");
        }
        if (kind != Kind.CUDA) {
            index = -1;
        }
    }

    public static Device cuda(int index) {
        return new Device(Kind.CUDA, index);
    }

    /** Parses {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}. */
    public static Device parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "cuda", "gpu":
                return cuda(0);
            default:
                break;
        }
        if (s.startsWith("cuda:") || s.startsWith("gpu:")) {
            String n = s.substring(s.indexOf(':') + 1);
            try {
                int index = Integer.parseInt(n);
                if (index >= 0) {
                    return cuda(index);
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("invalid device '" + text + "': expected auto, cpu, cuda or cuda:N");
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    @Override
    public String toString() {
        return kind == Kind.CUDA ? "cuda:" + index : kind.name().toLowerCase(Locale.ROOT);
    }
}
