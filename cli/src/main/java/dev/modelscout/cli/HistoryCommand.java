package dev.modelscout.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code modelscout history}: the training history of past fine-tuning jobs. Only lists its subcommands. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Grow the training history of past fine-tuning jobs (the recommender learns from it).",
        subcommands = {HistoryAppendCommand.class})
final class HistoryCommand {

    @Mixin
    GlobalOptions globals;
}
