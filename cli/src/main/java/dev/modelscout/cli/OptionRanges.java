package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import java.math.BigDecimal;

/**
 * The range checks of command options, made before a command does any work. Each refusal is one line,
 * {@code OPTION VALUE: out of range (allowed: RANGE)}, as evaluate's options are refused, and reports as a
 * usage error (exit 2) through {@link InvalidOptionException}.
 */
final class OptionRanges {

    private OptionRanges() {
    }

    static InvalidOptionException invalid(String option, String value, String problem, String allowed) {
        return new InvalidOptionException(option + " " + value + ": " + problem + " (allowed: " + allowed + ")");
    }

    /** {@code value >= min}; {@code allowed} says so in words (e.g. "an integer >= 1"). */
    static void atLeast(String option, long value, long min, String allowed) {
        if (value < min) {
            throw invalid(option, Long.toString(value), "out of range", allowed);
        }
    }

    /** An integer option that is unset (null) or {@code >= min}. */
    static void atLeast(String option, Integer value, long min, String allowed) {
        if (value != null) {
            atLeast(option, value.longValue(), min, allowed);
        }
    }

    /** A number option that is unset (null), or finite and in {@code [lo, hi]}. */
    static void within(String option, Double value, double lo, double hi, String allowed) {
        if (value != null && !(Double.isFinite(value) && value >= lo && value <= hi)) {
            throw invalid(option, number(value), "out of range", allowed);
        }
    }

    /** {@code d} as a person would type it: 2, 0.5, -1, NaN; very large or small values as 1.0E308, never 309 digits. */
    static String number(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        double a = Math.abs(d);
        if (a != 0 && (a >= 1e15 || a < 1e-6)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
