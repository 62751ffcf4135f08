package dev.modelscout.recommender;

import java.util.List;
import java.util.Map;

/**
 * Where a trained recommender came from.
 *
 * @param trainer        trainer name (linear-regression, factorization-machine, popularity)
 * @param settings       the trainer's config, as name -> value
 * @param seed           random seed (0 when the trainer uses none)
 * @param historySource  the history file it was trained on
 * @param historySha256  SHA-256 of that file's bytes
 * @param rows           number of jobs used for training
 * @param features       selected feature labels
 */
public record Provenance(String trainer, Map<String, String> settings, long seed, String historySource,
                         String historySha256, int rows, List<String> features) {
}
