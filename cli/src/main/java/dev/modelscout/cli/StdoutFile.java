package dev.modelscout.cli;

import dev.modelscout.core.ModelScoutException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code --out -}: the file an output option would write, written to stdout instead (as curl -o -, tar -f -). The
 * file's writer runs unchanged on a private temporary file whose name ends as the format asks, then its text goes
 * to stdout.
 */
final class StdoutFile {

    private StdoutFile() {
    }

    /** Whether {@code out} is {@code -}. */
    static boolean is(java.nio.file.Path out) {
        return out != null && out.toString().equals("-");
    }

    /** Runs {@code writer} on a temporary {@code out.EXTENSION} and copies what it wrote to {@code stdout}. */
    static void write(PrintWriter stdout, String extension, Consumer<Path> writer) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("modelscout-out");
            Path f = dir.resolve("out" + extension);
            writer.accept(f);
            String text = Files.readString(f, StandardCharsets.UTF_8);
            stdout.print(text.endsWith("\n") ? text : text + "\n");
            stdout.flush();
        } catch (IOException e) {
            throw new ModelScoutException("--out -: cannot stage the output: " + dev.modelscout.core.IoErrors.reason(e), e);
        } finally {
            if (dir != null) {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            }
        }
    }
}
