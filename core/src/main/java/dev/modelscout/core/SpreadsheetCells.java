package dev.modelscout.core;

import java.util.regex.Pattern;

/**
 * CSV cells for a file meant to be opened in a spreadsheet (OWASP "CSV injection"): a cell that a spreadsheet would
 * take as a formula, one starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return, is
 * written with a leading {@code '}, which spreadsheets show as text; numbers ({@code -0.5}, {@code +3},
 * {@code 1e-3}) are kept as they are. modelscout's CSV outputs are data by default (cells as they are, so that a
 * history round-trips); {@code --spreadsheet-safe} applies this where a command offers it.
 */
public final class SpreadsheetCells {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private SpreadsheetCells() {
    }

    /** {@code cell}, neutralised when a spreadsheet would run it as a formula. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return risky && !NUMBER.matcher(cell).matches() ? "'" + cell : cell;
    }
}
