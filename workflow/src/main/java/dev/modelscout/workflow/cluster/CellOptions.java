package dev.modelscout.workflow.cluster;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.workflow.finetune.FineTuneSettings;
import java.util.List;

/**
 * The exact options of a cell, written into its plan line: which scores with which settings, the image
 * subsample and the extraction settings, and for fine-tuning cells how to train.
 *
 * @param scores     score names (logme, parc, ...), in order; may be empty for fine-tuning cells
 * @param parcPca    PARC's PCA dimensions (0 = none), as {@code score --parc-pca}
 * @param gbcPca     GBC's PCA dimensions (0 = none), as {@code score --gbc-pca}
 * @param perClass   at most this many images per class (0 = all), as {@code --per-class}
 * @param sampleSeed seed of that subsample
 * @param batchSize  images per forward pass of the feature extraction
 * @param threads    PyTorch compute threads (0 = one per core)
 * @param strict     fail on the first unreadable image instead of skipping it
 * @param finetune   how to fine-tune, or null for score cells
 */
public record CellOptions(List<String> scores, int parcPca, int gbcPca, int perClass, long sampleSeed, int batchSize,
                          int threads, boolean strict, FineTuneSettings finetune) {

    public CellOptions {
        scores = List.copyOf(scores);
        atLeast("--parc-pca", parcPca, 0);
        atLeast("--gbc-pca", gbcPca, 0);
        atLeast("--per-class", perClass, 0);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--threads", threads, 0);
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new InvalidOptionException(option + " " + value + ": out of range (allowed: an integer >= " + min + ")");
        }
    }
}
