package dev.modelscout.report;

import java.util.Locale;

/** Escaping and number formats for the report pages. */
final class Html {

    /** What a table cell shows for an unknown number. */
    static final String UNKNOWN = "–";

    private Html() {
    }

    /** {@code s} as HTML text or attribute value (quotes escaped too). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code v} with {@code decimals} digits after the point; {@link #UNKNOWN} for NaN. */
    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : UNKNOWN;
    }

    /** {@code v} with {@code digits} significant digits (no exponent between 1e-4 and 1e7); {@link #UNKNOWN} for NaN. */
    static String significant(double v, int digits) {
        if (!Double.isFinite(v)) {
            return UNKNOWN;
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e7 || a < 1e-4) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        }
        int before = (int) Math.floor(Math.log10(a)) + 1;
        return String.format(Locale.ROOT, "%." + Math.max(0, digits - before) + "f", v);
    }

    /**
     * A count for people, to three significant digits with a suffix: "950", "77.4K", "11.7M", "1.20B";
     * {@link #UNKNOWN} for NaN.
     */
    static String count(double v) {
        if (!Double.isFinite(v)) {
            return UNKNOWN;
        }
        double a = Math.abs(v);
        if (a < 1e3) {
            return significant(v, 3);
        }
        String[] suffix = {"K", "M", "B", "T"};
        int i = 0;
        double x = round3(v / 1e3);
        while (Math.abs(x) >= 1000 && i < suffix.length - 1) {
            x = round3(x / 1e3);
            i++;
        }
        return significant(x, 3) + suffix[i];
    }

    private static double round3(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    /** {@code v} with a sign ("+0.120", "−0.034"), {@code decimals} after the point, never "-0.000"; {@link #UNKNOWN} for NaN. */
    static String signed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return UNKNOWN;
        }
        String s = fixed(Math.abs(v), decimals);
        if (s.matches("[0.]+")) {
            return s;
        }
        return (v < 0 ? "−" : "+") + s;
    }

    /** {@code v} for a {@code data-value} attribute (what a table column sorts by): "" for NaN. */
    static String sortKey(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** Seconds for people: "0.42 s", "12.3 s", "3 min 05 s". */
    static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return UNKNOWN;
        }
        if (s < 10) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long r = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", r / 60, r % 60);
    }
}
