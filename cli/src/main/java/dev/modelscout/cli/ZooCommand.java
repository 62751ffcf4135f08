package dev.modelscout.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code modelscout zoo}: the backbone catalog. Only lists its subcommands. */
@Command(name = "zoo", mixinStandardHelpOptions = true,
        description = "List, show and add backbones of a zoo catalog (CSV or JSON), and store their pre-training data's feature statistics.",
        subcommands = {ZooListCommand.class, ZooShowCommand.class, ZooAddCommand.class, ZooSourceCommand.class})
final class ZooCommand {

    @Mixin
    GlobalOptions globals;
}
