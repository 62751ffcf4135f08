package dev.modelscout.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        return decide(System.getenv(), stdoutIsTerminal(), TerminalWidth::sttyColumns);
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

    /** Whether fd 1 is a terminal: its /proc link names a tty; without /proc, whether Java sees a console. */
    static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** The terminal's columns from {@code stty size < /dev/tty}; 0 when that fails. */
    private static int sttyColumns() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            String[] parts = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+");
            return parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
