package dev.modelscout.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/**
 * The terminal line a progress bar is drawn on (standard error), which can be wiped so that a message prints on a
 * clean line, and which is wiped when the bar closes instead of being left on screen: the summary that follows says
 * what was done, and a finished bar is noise.
 */
final class BarLine extends ConsoleProgressBarConsumer {

    private final PrintStream stream;

    BarLine(PrintStream stream) {
        super(stream);
        this.stream = stream;
    }

    /** Blanks the line and returns to its start. */
    synchronized void wipe() {
        stream.print("\r" + " ".repeat(Math.max(0, getMaxRenderedLength())) + "\r");
        stream.flush();
    }

    @Override
    public synchronized void accept(String rendered) {
        super.accept(rendered);
        stream.flush();
    }

    @Override
    public void close() {
        wipe();
    }
}
