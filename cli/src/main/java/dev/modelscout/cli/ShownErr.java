package dev.modelscout.cli;

import dev.modelscout.core.Shown;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;

/**
 * The command line's standard error: every line printed with {@code println(String)} (every warning, note and
 * error of ours) passes through {@link Shown#line}, so a name with a line break, an escape sequence or a bidi
 * control in it prints escaped, on its one line. Stack traces ({@code --verbose}) and the progress bar are printed
 * as they are.
 */
final class ShownErr extends PrintWriter {

    ShownErr(OutputStream out) {
        super(new OutputStreamWriter(out, java.nio.charset.Charset.defaultCharset()), true);
    }

    @Override
    public void println(String line) {
        super.println(Shown.line(line));
    }
}
