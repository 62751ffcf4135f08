package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints. */
record CliTest(int exitCode, String out, String err) {

    /**
     * Runs {@code args}; tables are as wide as their rows (as on a pipe) unless the test set
     * {@link TerminalWidth#override}, so a COLUMNS in the developer's environment changes no test.
     */
    static CliTest run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Integer width = TerminalWidth.override;
        TerminalWidth.override = width == null ? 0 : width;
        try {
            int code = cl.execute(args);
            return new CliTest(code, out.toString(), err.toString());
        } finally {
            TerminalWidth.override = width;
        }
    }

    CliTest expectExit(int code) {
        assertEquals(code, exitCode, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
        return this;
    }

    CliTest expectOut(String fragment) {
        assertTrue(out.contains(fragment), () -> "stdout lacks '" + fragment + "':\n" + out);
        return this;
    }

    CliTest expectErr(String fragment) {
        assertTrue(err.contains(fragment), () -> "stderr lacks '" + fragment + "':\n" + err);
        return this;
    }
}
