package dev.modelscout.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A plain-text table for people: columns padded to their widest cell, numbers right-aligned. */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> header) {
        this.header = header;
    }

    /** The text of an optional cell: {@code "-"} when absent. */
    public static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** An optional number to four significant digits, {@code "-"} when absent. */
    public static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.4g", d);
    }

    public static Table of(String... header) {
        return new Table(Arrays.asList(header));
    }

    public Table add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, header " + header.size());
        }
        rows.add(row);
        return this;
    }

    public Table addAll(List<List<String>> more) {
        more.forEach(this::add);
        return this;
    }

    public void print(PrintWriter out) {
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        Arrays.fill(numeric, !rows.isEmpty());
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
                numeric[c] &= r.get(c).matches("[-+]?[0-9.eE+\\-]+|nan|NaN|-");
            }
        }
        line(out, header, width, numeric);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.println(rule);
        for (List<String> r : rows) {
            line(out, r, width, numeric);
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + (c == width.length - 1 ? "" : pad));
        }
        out.println(sb);
    }
}
