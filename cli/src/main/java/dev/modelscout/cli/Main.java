package dev.modelscout.cli;

import dev.modelscout.engine.Offline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code modelscout} command. It only lists the subcommands; each lives in its own class. Given no command, it
 * prints its help on stdout and exits 0, as kubectl and docker do ({@link ScoringBackendSetup#execute}).
 */
@Command(name = "modelscout",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Recommends which pre-trained backbones to fine-tune on a new image-classification dataset, "
                + "without fine-tuning them all: extract features (DJL), score transferability (ND4J), and predict "
                + "fine-tuned accuracy from a history of past jobs (LR / FM).",
        subcommands = {
            DoctorCommand.class,
            ScoreCommand.class,
            RecommendCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            ZooCommand.class,
            HistoryCommand.class,
            ExtractCommand.class,
            FineTuneCommand.class,
            SelectCommand.class,
            BenchCommand.class,
            JobsCommand.class,
            HelpCommand.class,
        })
public final class Main {

    @picocli.CommandLine.Mixin
    GlobalOptions globals = new GlobalOptions();

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    @picocli.CommandLine.Mixin
    ScoringDeviceOption scoringDevice = new ScoringDeviceOption();

    /**
     * Builds the command line, with our exception handler, the global options and the help's layout
     * ({@link HelpLayout}); the scores' ND4J back end is chosen before each command runs ({@link ScoringBackendSetup}).
     */
    public static CommandLine commandLine() {
        Relaunch.entryPoint(Main.class);
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionStrategy(ScoringBackendSetup::execute);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler.ParameterHandler());
        HelpLayout.install(cl, HelpLayout::terminalWidth);
        return cl;
    }

    public static void main(String[] args) {
        Offline.enable();
        CommandLine cl = commandLine();
        cl.setErr(new ShownErr(System.err));
        System.exit(cl.execute(args));
    }
}
