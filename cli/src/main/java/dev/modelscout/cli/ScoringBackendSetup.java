package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.scoring.ScoringBackendChoice;
import dev.modelscout.scoring.ScoringBackendKernels;
import dev.modelscout.scoring.ScoringBackendSelection;
import dev.modelscout.scoring.ScoringDevice;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Chooses the scores' ND4J back end after the command line is parsed and before the command runs, so before
 * anything can start ND4J: {@code --scoring-device} against the back ends the build carries and the compute
 * capabilities of the visible GPUs (read through the engine, which starts neither PyTorch nor ND4J; only builds
 * that carry ND4J CUDA look at the GPUs). The command line's execution strategy (set where the command line is built).
 */
final class ScoringBackendSetup {

    private ScoringBackendSetup() {
    }

    /**
     * Help and version requests as picocli would, except that an unknown command or option beside {@code --help}
     * is an error (picocli prints the help of the last command it knows, with exit 0, so {@code modelscout
     * NOSUCHCOMMAND --help} looked like a command that exists); otherwise {@code --quiet}'s error writers
     * ({@link QuietErr}), the choice, then the command (picocli's RunLast).
     */
    static int execute(ParseResult parsed) {
        for (CommandLine at : parsed.asCommandLineList()) {
            List<String> unmatched = at.getUnmatchedArguments();
            if (!unmatched.isEmpty() && !at.isUnmatchedArgumentsAllowed()) {
                throw new CommandLine.UnmatchedArgumentException(at, unmatched);
            }
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine cmd = chain.get(chain.size() - 1);
        QuietErr.applyTo(chain, GlobalOptions.of(cmd.getCommandSpec()).quiet());
        if (!cmd.getSubcommands().isEmpty() && !(cmd.getCommand() instanceof Runnable)
                && !(cmd.getCommand() instanceof java.util.concurrent.Callable)) {
            // A group given no command (modelscout, modelscout jobs): its help on stdout, exit 0, as kubectl does,
            // instead of picocli's "Missing required subcommand".
            cmd.usage(cmd.getOut());
            cmd.getOut().flush();
            return 0;
        }
        try {
            PrintWriter err = cmd.getErr();
            ScoringBackendSelection.use(choose(GlobalOptions.of(cmd.getCommandSpec()).scoringDevice()), line -> {
                err.println(line);
                err.flush();
            });
        } catch (InvalidOptionException e) {
            throw new CommandLine.ExecutionException(cmd, e.getMessage(), e);
        }
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (OutOfMemoryError e) {
            throw new CommandLine.ExecutionException(cmd, "out of memory", dev.modelscout.core.OutOfMemory.exception(e, null));
        }
    }

    /** The choice for {@code requested} on this installation and machine. */
    static ScoringBackendChoice choose(ScoringDevice requested) {
        return ScoringBackendChoice.choose(requested, ScoringBackendSelection.build(), PyTorchRuntime::cudaGpus,
                ScoringBackendKernels.ND4J_CUDA);
    }
}
