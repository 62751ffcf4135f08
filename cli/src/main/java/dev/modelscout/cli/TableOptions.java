package dev.modelscout.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --format} and {@code --columns}, for every command that prints rows: a table for people (fitted to the
 * terminal, {@link TerminalWidth}), or csv / json on stdout for machines, with the columns chosen.
 */
final class TableOptions {

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = "How the rows go to stdout: table (for people: numbers rounded, columns dropped to fit the "
                    + "terminal's width, or COLUMNS), csv or json (every column, full precision; other lines go to "
                    + "stderr). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--columns", paramLabel = "a,b,c", split = ",",
            description = "Only these columns, in this order (names as in the csv header; none is dropped to fit).")
    List<String> columns = new ArrayList<>();

    /** The format, checked (a usage error for an unknown one): call before any work. */
    Table.Format format() {
        return Table.Format.parse(format);
    }

    /** Whether stdout carries rows for a machine, so that other lines belong on stderr. */
    boolean machine() {
        return format() != Table.Format.TABLE;
    }

    /**
     * Writes {@code t} to {@code out} as chosen; on {@code err}, a warning for each --columns name that is no
     * column, and one note naming the columns dropped to fit the width.
     */
    void print(Table t, PrintWriter out, PrintWriter err) {
        List<String> unknown = t.unknown(columns);
        Table.Shown shown = t.print(out, format(), columns, TerminalWidth.ofStdout());
        if (!unknown.isEmpty() && unknown.size() < columns.size()) {
            err.println("warning: --columns: no column " + String.join(", ", unknown) + " (columns: "
                    + String.join(", ", t.columns().stream().map(Table.Column::name).toList()) + ")");
        }
        if (!shown.dropped().isEmpty()) {
            err.println("note: " + shown.dropped().size() + " column" + (shown.dropped().size() == 1 ? "" : "s")
                    + " left out to fit the width (" + String.join(", ", shown.dropped())
                    + "); --columns chooses, --format csv shows all");
        }
        err.flush();
    }
}
