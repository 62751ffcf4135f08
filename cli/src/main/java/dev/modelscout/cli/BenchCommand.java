package dev.modelscout.cli;

import picocli.CommandLine.Command;

/** {@code modelscout bench}: rerunnable benchmarks; only lists its subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Rerunnable benchmarks on seeded synthetic inputs.",
        subcommands = {BenchScoresCommand.class})
final class BenchCommand {
}
