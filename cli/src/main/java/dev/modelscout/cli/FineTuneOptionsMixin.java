package dev.modelscout.cli;

import picocli.CommandLine.Option;

/**
 * How to fine-tune, the options every command that fine-tunes takes ({@code finetune}, {@code select}): one
 * declaration, so the same option has the same name, default and help wherever a backbone is fine-tuned.
 */
final class FineTuneOptionsMixin {

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "LR",
            description = "Peak learning rate (cosine decay to 0 over the run). Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "Mini-batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--val-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of each class held out for validation. Default: ${DEFAULT-VALUE}.")
    double valFraction;

    @Option(names = "--per-class", paramLabel = "N", description = "Use at most N images per class (seeded). Default: all.")
    Integer perClass;

    // No defaultValue: picocli would apply it after the deprecated --seed's setter and undo it.
    @Option(names = "--finetune-seed", paramLabel = "S",
            description = "Seed of the fine-tuning run: its subsample, the split, the head's initialisation and the batch "
                    + "order. Default: 0.")
    long seed = 0;

    /** Set when the deprecated {@code --seed} was given (see {@link #noteDeprecated}). */
    private boolean oldSeed;

    /** The old name of --finetune-seed, hidden; {@link #noteDeprecated} says so. */
    @Option(names = "--seed", paramLabel = "S", hidden = true, description = "Deprecated: --finetune-seed.")
    void setOldSeed(long value) {
        seed = value;
        oldSeed = true;
    }

    /** One note on {@code err} when the deprecated {@code --seed} was given. */
    void noteDeprecated(java.io.PrintWriter err) {
        if (oldSeed) {
            Deprecations.note(err, "--seed", "--finetune-seed",
                    "the seed of the subsample, the split, the head's initialisation and the batch order");
        }
    }

    @Option(names = "--freeze-backbone", description = "Train the new head only.")
    boolean freezeBackbone;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "PyTorch intra-op threads (0: PyTorch's default). Same seed and threads give the same accuracy on the CPU.")
    int threads;

    @Option(names = "--strict",
            description = "Fail on the first unreadable image instead of skipping it with one note, as extract and recommend do.")
    boolean strict;

    /**
     * Refuses values out of range (a usage error naming the option) before any work; the validation share is
     * checked only where it is used ({@code split}: no separate validation folder).
     */
    void check(boolean split) {
        OptionRanges.atLeast("--epochs", epochs, 1, "an integer >= 1");
        OptionRanges.atLeast("--batch-size", batchSize, 1, "an integer >= 1");
        OptionRanges.atLeast("--per-class", perClass, 1, "an integer >= 1; leave it out to use every image");
        OptionRanges.atLeast("--threads", threads, 0, "an integer >= 0");
        OptionRanges.within("--lr", lr, Double.MIN_VALUE, 10, "a number in (0, 10]");
        if (split) {
            OptionRanges.within("--val-fraction", valFraction, 1e-9, 1 - 1e-9, "a number strictly between 0 and 1");
        }
    }
}
