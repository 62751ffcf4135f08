package dev.modelscout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Rows for people and for machines. For people ({@link Format#TABLE}) columns are padded to their widest cell,
 * numbers right-aligned and written for reading ({@link #number}: 4 significant digits, never {@code -0};
 * {@link #count}: 77.4K, 11.7M), and a table wider than the terminal loses its lowest-priority columns (named in
 * one note) until it fits. For machines ({@link Format#CSV}, {@link Format#JSON}) every column, each number at full
 * precision, an absent value empty / null. This class is the one place that formats a number for a person.
 */
public final class Table {

    /** How a table is written. */
    public enum Format {
        TABLE, CSV, JSON;

        /** {@code table}, {@code csv} or {@code json}, any case. */
        static Format parse(String s) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(s.strip())) {
                    return f;
                }
            }
            throw new dev.modelscout.core.InvalidOptionException("--format " + s
                    + ": unknown format (allowed: table, csv, json)");
        }
    }

    /** What a column's cells hold, which decides how a person sees them. */
    public enum Kind {
        /** Words, left-aligned as they are. */
        TEXT,
        /** Whole numbers. */
        INTEGER,
        /** A measured or computed number: 4 significant digits ({@link #number}). */
        NUMBER,
        /** Millions of something (params_m): 77.4K, 11.7M ({@link #count}). */
        MILLIONS,
        /** Words that line up as numbers do (an interval "0.187-0.460"): right-aligned. */
        TEXT_RIGHT
    }

    /** Keep-always priority: such a column is never dropped to fit the width. */
    public static final int KEEP = Integer.MAX_VALUE;

    /**
     * A column: {@code name} is what csv and json and {@code --columns} call it, {@code header} what a person sees
     * over it, {@code priority} the order in which columns are dropped to fit a terminal (lowest first).
     */
    public record Column(String name, String header, Kind kind, int priority) {

        public static Column text(String name) {
            return new Column(name, name, Kind.TEXT, KEEP);
        }

        public Column priority(int p) {
            return new Column(name, header, kind, p);
        }

        public Column header(String h) {
            return new Column(name, h, kind, priority);
        }
    }

    /** What was shown: the columns written, and those dropped to fit the width (empty when none). */
    public record Shown(List<String> columns, List<String> dropped) {
    }

    private final List<Column> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    /** A table of text cells only ({@link #of}): numbers already written by its caller, aligned by their look. */
    private final boolean legacy;

    private Table(List<Column> columns, boolean legacy) {
        this.columns = List.copyOf(columns);
        this.legacy = legacy;
    }

    /** A table of text columns, every one kept; its rows are text ({@link #add}). */
    public static Table of(String... header) {
        return new Table(Arrays.stream(header).map(Column::text).toList(), true);
    }

    /** A table of typed columns; its rows are values ({@link #row}). */
    public static Table of(Column... columns) {
        return new Table(Arrays.asList(columns), false);
    }

    public static Column text(String name, int priority) {
        return new Column(name, name, Kind.TEXT, priority);
    }

    public static Column integer(String name, int priority) {
        return new Column(name, name, Kind.INTEGER, priority);
    }

    public static Column number(String name, int priority) {
        return new Column(name, name, Kind.NUMBER, priority);
    }

    public static Column millions(String name, int priority) {
        return new Column(name, name, Kind.MILLIONS, priority);
    }

    /** The text of an optional cell: {@code "-"} when absent. */
    public static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** An optional number for a person ({@link #number(double)}), {@code "-"} when absent. */
    public static String num(Double d) {
        return d == null ? "-" : number(d);
    }

    /**
     * A number for a person: 4 significant digits (0.3236, 12.61, 193.4, 1235, 1.000), in scientific notation below 0.001
     * and from a million on (1.235e-05); never {@code -0} (a value that rounds to zero is {@code 0}); {@code -} for
     * NaN, {@code inf} / {@code -inf}.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN));
        if (b.precision() < 4) { // an exact 1 or 0.5 keeps 4 digits too, so a column reads 1.000 beside 0.9998
            b = b.setScale(b.scale() + 4 - b.precision());
        }
        double a = Math.abs(b.doubleValue());
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", b.doubleValue());
        }
        return b.toPlainString();
    }

    /**
     * A count given in millions (params_m), for a person: 3 significant digits with K, M or B (0.0774 -> 77.4K,
     * 11.69 -> 11.7M, 0.000512 -> 512); {@code -} for NaN or a negative count.
     */
    public static String count(double millions) {
        if (Double.isNaN(millions) || millions < 0 || Double.isInfinite(millions)) {
            return "-";
        }
        double n = millions * 1e6;
        if (Math.round(n) < 1000) {
            return Long.toString(Math.round(n));
        }
        String[] units = {"K", "M", "B", "T"};
        double scaled = n / 1e3;
        int u = 0;
        while (true) {
            BigDecimal b = new BigDecimal(scaled).round(new MathContext(3, RoundingMode.HALF_EVEN));
            if (b.compareTo(BigDecimal.valueOf(1000)) < 0 || u == units.length - 1) {
                return b.stripTrailingZeros().toPlainString() + units[u];
            }
            scaled /= 1e3;
            u++;
        }
    }

    /** Adds a row of text cells (a table made by {@link #of(String...)}). */
    public Table add(List<String> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, header " + columns.size());
        }
        rows.add(new ArrayList<>(row));
        return this;
    }

    public Table addAll(List<List<String>> more) {
        more.forEach(this::add);
        return this;
    }

    /**
     * Adds a row of values, one per column: a {@link String}, a {@link Number}, a {@link Boolean} or null (absent; a
     * NaN double is absent too).
     */
    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + columns.size());
        }
        List<Object> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(c instanceof Double d && d.isNaN() ? null : c);
        }
        rows.add(r);
        return this;
    }

    public List<Column> columns() {
        return columns;
    }

    /** Every column, padded, as people read it (no width limit). */
    public void print(PrintWriter out) {
        print(out, Format.TABLE, List.of(), 0);
    }

    /**
     * Writes the table as {@code format}: only the {@code chosen} columns in that order (names or headers, any
     * case; empty: every column), and for {@link Format#TABLE} within {@code width} characters when that is above
     * 0, by dropping the columns of lowest priority (never one of {@code chosen}) while the rows are wider.
     *
     * @throws dev.modelscout.core.InvalidOptionException when none of {@code chosen} names a column
     */
    public Shown print(PrintWriter out, Format format, List<String> chosen, int width) {
        List<Integer> picked = pick(chosen);
        List<String> dropped = new ArrayList<>();
        if (format == Format.TABLE && width > 0 && chosen.isEmpty()) {
            List<Integer> byPriority = new ArrayList<>(picked);
            // lowest priority first; among equals the rightmost first
            byPriority.sort(Comparator.<Integer>comparingInt(c -> columns.get(c).priority()).thenComparing(c -> -c));
            for (int c : byPriority) {
                if (lineWidth(picked) <= width || columns.get(c).priority() == KEEP) {
                    break;
                }
                picked.remove(Integer.valueOf(c));
                dropped.add(columns.get(c).name());
            }
        }
        switch (format) {
            case TABLE -> printTable(out, picked);
            case CSV -> printCsv(out, picked);
            case JSON -> printJson(out, picked);
        }
        out.flush();
        return new Shown(picked.stream().map(c -> columns.get(c).name()).toList(), dropped);
    }

    private List<Integer> pick(List<String> chosen) {
        List<Integer> picked = new ArrayList<>();
        if (chosen.isEmpty()) {
            for (int c = 0; c < columns.size(); c++) {
                picked.add(c);
            }
            return picked;
        }
        for (String want : chosen) {
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                if ((col.name().equalsIgnoreCase(want.strip()) || col.header().equalsIgnoreCase(want.strip()))
                        && !picked.contains(c)) {
                    picked.add(c);
                    break;
                }
            }
        }
        if (picked.isEmpty()) {
            throw new dev.modelscout.core.InvalidOptionException("--columns " + String.join(",", chosen)
                    + ": no such column (allowed: " + String.join(", ", columns.stream().map(Column::name).toList()) + ")");
        }
        return picked;
    }

    /** The names among {@code chosen} that name no column of this table. */
    public List<String> unknown(List<String> chosen) {
        return chosen.stream().filter(w -> columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(w.strip())
                || c.header().equalsIgnoreCase(w.strip()))).toList();
    }

    private String shown(int c, Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof String s) {
            return s.isEmpty() && !legacy ? "-" : s;
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        Number n = (Number) v;
        return switch (columns.get(c).kind()) {
            case MILLIONS -> count(n.doubleValue());
            case INTEGER -> n instanceof Double || n instanceof Float ? number(n.doubleValue()) : Long.toString(n.longValue());
            default -> n instanceof Double || n instanceof Float ? number(n.doubleValue()) : n.toString();
        };
    }

    private boolean rightAligned(int c) {
        if (legacy) {
            return !rows.isEmpty() && rows.stream().allMatch(r -> ((String) r.get(c)).matches("[-+]?[0-9.eE+\\-]+|nan|NaN|-"));
        }
        return columns.get(c).kind() != Kind.TEXT;
    }

    private int width(int c) {
        int w = columns.get(c).header().length();
        for (List<Object> r : rows) {
            w = Math.max(w, shown(c, r.get(c)).length());
        }
        return w;
    }

    private int lineWidth(List<Integer> picked) {
        int w = 0;
        for (int c : picked) {
            w += width(c);
        }
        return w + 2 * Math.max(0, picked.size() - 1);
    }

    private void printTable(PrintWriter out, List<Integer> picked) {
        int[] width = picked.stream().mapToInt(this::width).toArray();
        boolean[] right = new boolean[picked.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = rightAligned(picked.get(i));
        }
        line(out, picked.stream().map(c -> columns.get(c).header()).toList(), width, right);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (List<Object> r : rows) {
            line(out, picked.stream().map(c -> shown(c, r.get(c))).toList(), width, right);
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(Math.max(0, width[i] - cell.length()));
            sb.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + (i == width.length - 1 ? "" : pad));
        }
        out.println(sb);
    }

    /** A number at full precision for a machine: the shortest text that reads back as the same double. */
    static String machine(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isInfinite()) {
                return d > 0 ? "inf" : "-inf";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return Double.toString(d);
        }
        return v.toString();
    }

    private void printCsv(PrintWriter out, List<Integer> picked) {
        out.println(String.join(",", picked.stream().map(c -> csvCell(columns.get(c).name())).toList()));
        for (List<Object> r : rows) {
            out.println(String.join(",", picked.stream().map(c -> csvCell(machine(raw(r.get(c))))).toList()));
        }
    }

    /** A legacy table's "-" is an absent value for a machine. */
    private Object raw(Object v) {
        return legacy && "-".equals(v) ? null : v;
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private void printJson(PrintWriter out, List<Integer> picked) {
        ArrayNode array = JSON.createArrayNode();
        for (List<Object> r : rows) {
            ObjectNode o = array.addObject();
            for (int c : picked) {
                Object v = raw(r.get(c));
                String name = columns.get(c).name();
                if (v == null) {
                    o.putNull(name);
                } else if (v instanceof Double d) {
                    if (d.isInfinite()) {
                        o.putNull(name);
                    } else {
                        o.put(name, d);
                    }
                } else if (v instanceof Boolean b) {
                    o.put(name, b);
                } else if (v instanceof Integer i) {
                    o.put(name, i);
                } else if (v instanceof Long l) {
                    o.put(name, l);
                } else if (v instanceof Number n) {
                    o.put(name, n.doubleValue());
                } else {
                    o.put(name, v.toString());
                }
            }
        }
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
