package dev.modelscout.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;

/**
 * {@code modelscout help [COMMAND [SUBCOMMAND]]}: the help of a command, nested ones included ({@code help jobs plan},
 * which picocli's own help command refuses), on stdout. An unknown name is a usage error with picocli's
 * suggestions, as it is without {@code help}.
 */
@Command(name = "help", helpCommand = true,
        description = "Print the help of a command (help jobs plan), or of modelscout.")
final class HelpCommand implements IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommand if it has some.")
    List<String> names = new ArrayList<>();

    private CommandLine self;
    private ColorScheme colorScheme;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colorScheme = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine at = self.getParent();
        for (String name : names) {
            CommandLine sub = at.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.UnmatchedArgumentException(at, List.of(name));
            }
            at = sub;
        }
        at.usage(out, colorScheme);
        out.flush();
    }
}
