package dev.modelscout.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code modelscout bench}: rerunnable speed measurements; only lists its subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Rerunnable benchmarks (the numbers in docs/benchmarks.md come from these).",
        subcommands = {BenchScoresCommand.class, BenchExtractCommand.class, BenchLoopCommand.class})
final class BenchCommand {

    @Mixin
    GlobalOptions globals;
}
