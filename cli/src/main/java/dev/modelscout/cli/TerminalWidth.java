package dev.modelscout.cli;

import java.util.Map;
import java.util.function.IntSupplier;

/**
 * How wide a table on stdout may be, decided as kubectl, git and ls do: {@code COLUMNS} when it is set to a
 * positive number (a user's or a script's explicit choice, honoured even when stdout is a pipe); else, when stdout
 * is a terminal, the terminal's width ({@code stty size} on {@code /dev/tty}; 80 when it cannot be read); else
 * (a pipe or a file) no limit: the whole table, as a script or a log expects it.
 */
final class TerminalWidth {

    /** Width when stdout is a terminal whose size cannot be read (the VT100's, what POSIX tools assume). */
    static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    /** Set by tests in place of the environment and the terminal (null: detect). */
    static volatile Integer override;

    /** The width for this process's stdout; 0 means no limit. */
    static int ofStdout() {
        Integer o = override;
        if (o != null) {
            return o;
        }
        return decide(System.getenv(), stdoutIsTerminal(), Terminal::columns);
    }

    /**
     * The rule: {@code COLUMNS} from {@code env} when a positive integer; else {@code terminal}'s width from
     * {@code ttyColumns} (0 or less when unknown: {@link #FALLBACK}); else 0 (no limit).
     */
    static int decide(Map<String, String> env, boolean terminal, IntSupplier ttyColumns) {
        String c = env.get("COLUMNS");
        if (c != null) {
            try {
                int n = Integer.parseInt(c.strip());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // not a width: as if unset
            }
        }
        if (!terminal) {
            return 0;
        }
        int n = ttyColumns.getAsInt();
        return n > 0 ? n : FALLBACK;
    }

    /** Whether fd 1 is a terminal ({@link Terminal#isatty}); where libc cannot be asked, whether Java has a console. */
    static boolean stdoutIsTerminal() {
        int tty = Terminal.isatty(Terminal.STDOUT);
        return tty < 0 ? System.console() != null : tty == 1;
    }
}
