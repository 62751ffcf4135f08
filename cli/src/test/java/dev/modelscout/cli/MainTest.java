package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsDoctor() {
        CliTest.run("--help").expectExit(0).expectOut("doctor").expectOut("--device");
    }

    @Test
    void versionPrintsProgramAndJava() {
        CliTest.run("--version").expectExit(0).expectOut("modelscout").expectOut("Java 17");
    }

    @Test
    void badDeviceIsAUsageErrorWithOneLine() {
        CliTest r = CliTest.run("--device", "tpu:1", "doctor").expectExit(2)
                .expectErr("invalid device 'tpu:1'");
        assertEquals(2, r.err().lines().count(), r.err());
    }

    @Test
    void everyCommandsHelpFormatsWithoutAWarning() {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (picocli.CommandLine sub : Main.commandLine().getSubcommands().values()) {
                sub.getUsageMessage();
                sub.getSubcommands().values().forEach(picocli.CommandLine::getUsageMessage);
            }
        } finally {
            System.setErr(before);
        }
        String warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("", warnings, "help texts picocli could not format (a '%' to escape as '%%'?)");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliTest.run("frobnicate").expectExit(2).expectErr("frobnicate");
    }
}
