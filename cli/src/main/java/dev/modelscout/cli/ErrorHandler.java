package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.core.Shown;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns exceptions into exit codes and one-line messages. Stack traces only with
 * {@code --verbose}. Errors are printed under {@code --quiet} too ({@link QuietErr#errors}).
 *
 * <p>Exit codes: 0 ok; 1 bad input or a failed job (our own {@link ModelScoutException}s); 2 usage error (a
 * picocli parse error, a {@link ParameterException} or an {@link InvalidOptionException}: an option value
 * outside its range); 3 anything else, which is a bug: an internal error with a hint to rerun with
 * {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int EXIT_INPUT = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = QuietErr.errors(cmd.getErr());
        boolean verbose = GlobalOptions.of(cmd.getCommandSpec()).verbose();
        if (verbose) {
            ex.printStackTrace(err);
        }
        if (ex instanceof ParameterException || ex instanceof InvalidOptionException) {
            CommandLine at = ex instanceof ParameterException p ? p.getCommandLine() : cmd;
            return usage(at, ex.getMessage(), ex);
        }
        OutOfMemoryError oom = dev.modelscout.core.OutOfMemory.find(ex);
        if (oom != null && !(ex instanceof ModelScoutException)) {
            err.println(cmd.getColorScheme().errorText("error: " + dev.modelscout.core.OutOfMemory.message(oom, null)));
            err.flush();
            return EXIT_INPUT;
        }
        if (ex instanceof ModelScoutException) {
            err.println(cmd.getColorScheme().errorText("error: " + shown(ex.getMessage())));
            err.flush();
            return EXIT_INPUT;
        }
        err.println(cmd.getColorScheme().errorText("internal error: " + ex.getClass().getSimpleName() + ": "
                + oneLine(ex.getMessage()) + (verbose ? "" : " (rerun with --verbose for the stack trace)")));
        err.flush();
        return EXIT_INTERNAL;
    }

    /**
     * The first line of a message from outside our code (a library's or the JDK's, which may span lines), with
     * names in it escaped ({@link Shown}).
     */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return Shown.line(nl < 0 ? s : s.substring(0, nl));
    }

    /**
     * One of our messages, which are one line by design: any line break or other control or bidi character in it
     * came from a name (a file, a folder, an id) and is escaped ({@link Shown}), never cut or printed raw.
     */
    static String shown(String message) {
        return message == null ? "(no message)" : Shown.line(message.strip());
    }

    /** The message, a hint to --help, exit code 2. */
    static int usage(CommandLine cmd, String message) {
        return usage(cmd, message, null);
    }

    /**
     * The message, picocli's suggestions for an unknown command or option ("Did you mean: modelscout recommend?")
     * where {@code ex} has some, a hint to --help, exit code 2.
     */
    static int usage(CommandLine cmd, String message, Exception ex) {
        PrintWriter err = QuietErr.errors(cmd.getErr());
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption()
                && !cmd.getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'"; // not picocli's "Unmatched argument at index 0"
        }
        err.println(cmd.getColorScheme().errorText("error: " + shown(message)));
        if (ex instanceof ParameterException p) {
            CommandLine.UnmatchedArgumentException.printSuggestions(p, err);
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    /** Usage errors found while parsing the command line. */
    static final class ParameterHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            return usage(ex.getCommandLine(), ex.getMessage(), ex);
        }
    }
}
