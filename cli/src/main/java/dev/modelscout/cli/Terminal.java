package dev.modelscout.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What the console is: whether progress bars are drawn (only when standard error, where they are drawn, is a
 * terminal), whether a file descriptor is a terminal, and the terminal's width (tables, wrapped sentences, help).
 *
 * <p>Java 17 can only tell whether the JVM has a console ({@code System.console()}: stdin and stdout both a
 * terminal), which says nothing of stderr: {@code modelscout recommend 2>log} run from a terminal has a console
 * but a file on stderr, and bars there would fill the log with {@code \r} lines. So we ask the C library, as every
 * command-line tool does: {@code isatty(2)}, through JNA (already on the class path: DJL's api depends on it; the
 * engine calls the NVIDIA driver the same way). Where libc cannot be called, no bars (plain lines are always
 * safe). {@code TERM=dumb} (Emacs shells, some CI runners) turns bars off too, as it does for other tools.
 */
final class Terminal {

    /** The file descriptor of standard output. */
    static final int STDOUT = 1;

    /** The file descriptor of standard error. */
    static final int STDERR = 2;

    /** The C library calls we need ({@code unistd.h}, {@code fcntl.h}). */
    interface LibC extends Library {
        int isatty(int fd);

        int open(String path, int flags);

        int close(int fd);
    }

    private static LibC libc;
    private static boolean loaded;
    private static int columns;
    private static boolean measured;

    private Terminal() {
    }

    /** Whether to draw progress bars on stderr for this process. */
    static boolean barsOnStderr() {
        return drawsBars(isatty(STDERR), System.getenv("TERM"));
    }

    /**
     * The decision: bars only on a terminal ({@code isatty} is 1) that is not {@code TERM=dumb}.
     *
     * @param isatty what {@code isatty(2)} answered: 1 a terminal, 0 not, -1 unknown (no libc)
     * @param term   the {@code TERM} environment variable, or null
     */
    static boolean drawsBars(int isatty, String term) {
        return isatty == 1 && !"dumb".equals(term);
    }

    /** {@code isatty(fd)}: 1 for a terminal, 0 for anything else, -1 when libc cannot be called. */
    static int isatty(int fd) {
        LibC c = libc();
        if (c == null) {
            return -1;
        }
        return c.isatty(fd) == 1 ? 1 : 0;
    }

    /** The C library, loaded on first use (never in a static initialiser), or null where it cannot be. */
    static synchronized LibC libc() {
        if (!loaded) {
            loaded = true;
            try {
                libc = Native.load("c", LibC.class);
            } catch (LinkageError | RuntimeException e) {
                libc = null; // no JNA native support here: no bars
            }
        }
        return libc;
    }

    /**
     * The terminal's width in columns ({@code stty size} on {@code /dev/tty}), or 0 where there is none or it cannot
     * be read; asked once per process, since every table, wrapped sentence and help of a run needs it.
     */
    static synchronized int columns() {
        if (!measured) {
            measured = true;
            columns = sttyColumns();
        }
        return columns;
    }

    private static int sttyColumns() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            String[] parts = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip()
                    .split("\\s+");
            return parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
