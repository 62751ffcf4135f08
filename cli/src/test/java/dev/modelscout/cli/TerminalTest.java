package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress bars only where stderr is a terminal, decided by {@code isatty(2)}: the decision, and the libc call
 * on a real pseudo-terminal and a real file (so {@code 2>log} gets no bars whatever System.console() says).
 */
class TerminalTest {

    /** Linux: O_RDWR | O_NOCTTY. */
    private static final int OPEN_FLAGS = 2 | 0400;

    @TempDir
    Path dir;

    @Test
    void barsOnlyOnATerminalThatIsNotDumb() {
        assertTrue(Terminal.drawsBars(1, "xterm-256color"));
        assertTrue(Terminal.drawsBars(1, null));
        assertFalse(Terminal.drawsBars(0, "xterm-256color"), "stderr redirected to a file or a pipe");
        assertFalse(Terminal.drawsBars(-1, "xterm"), "libc not callable: plain lines");
        assertFalse(Terminal.drawsBars(1, "dumb"));
    }

    @Test
    void isattyTellsAPseudoTerminalFromAFile() throws IOException {
        Terminal.LibC c = Terminal.libc();
        Assumptions.assumeTrue(c != null, "libc through JNA");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/ptmx")), "a Linux pseudo-terminal multiplexer");
        int pty = c.open("/dev/ptmx", OPEN_FLAGS);
        Assumptions.assumeTrue(pty >= 0, "a pseudo-terminal can be opened here");
        try {
            assertEquals(1, Terminal.isatty(pty));
        } finally {
            c.close(pty);
        }
        Path log = Files.writeString(dir.resolve("log"), "");
        int file = c.open(log.toString(), 2);
        assertTrue(file >= 0);
        try {
            assertEquals(0, Terminal.isatty(file));
        } finally {
            c.close(file);
        }
        int devNull = c.open("/dev/null", 2);
        try {
            assertEquals(0, Terminal.isatty(devNull), "a character device that is not a terminal");
        } finally {
            c.close(devNull);
        }
    }
}
