package dev.modelscout.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code modelscout bench}: speed measurements. Only lists its subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed (numbers go to docs/benchmarks.md).",
        subcommands = {BenchExtractCommand.class})
final class BenchCommand {

    @Mixin
    GlobalOptions globals;
}
