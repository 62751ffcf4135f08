package dev.modelscout.workflow.recommend;

import dev.modelscout.recommender.Calibration;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import java.nio.file.Path;

/**
 * The recommender a run uses, as the command chose it, with what people and the naive picks need to know of it.
 *
 * @param recommender   the recommender
 * @param origin        how it was chosen, for people ("loaded from --model m.json", "the embedded world's (...)")
 * @param historySource the history it was trained on, as this installation has it (the embedded world's file here,
 *                      not the path on the machine that trained it); else what its provenance records
 * @param history       that history when the command already read it (trained now on --history), else null
 * @param historyFile   a history file to read for the per-model means when asked (the embedded world's), else null:
 *                      then the provenance's file is tried
 * @param seconds       loading or training it took
 * @param calibration   its prediction intervals (saved with it, or calibrated now on --history), or null when it was
 *                      saved without
 */
public record ChosenRecommender(Recommender recommender, String origin, String historySource, TrainingHistory history,
                                Path historyFile, double seconds, Calibration calibration) {
}
