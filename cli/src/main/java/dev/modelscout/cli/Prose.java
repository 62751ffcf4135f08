package dev.modelscout.cli;

import java.io.PrintWriter;

/**
 * A sentence for people printed as wide as the table above it: wrapped at spaces to the width tables get
 * ({@link TerminalWidth#ofStdout}: {@code COLUMNS}, else the terminal's; a pipe or a file gets the line whole), its
 * continuation lines indented by two spaces, a token longer than the width kept whole.
 */
final class Prose {

    private static final int INDENT = 2;

    private Prose() {
    }

    static void println(PrintWriter o, String text) {
        o.println(wrap(text, TerminalWidth.ofStdout()));
    }

    /** {@code text} wrapped to {@code width} columns (0: not wrapped). */
    static String wrap(String text, int width) {
        return width <= 0 ? text : HelpLayout.wrapLines(text, Math.max(width, 20), 0, INDENT);
    }
}
