package dev.modelscout.recommender.evaluation;

import java.util.List;

/**
 * What a protocol measured.
 *
 * @param metrics    the summary
 * @param std        its standard deviation
 * @param perDataset every test dataset's score
 * @param curve      learning-curve only, else null
 * @param active     active only, else null
 */
public record Outcome(Summary metrics, Summary std, List<DatasetScore> perDataset, List<CurvePoint> curve,
                      ActiveResult active) {

    public Outcome(Summary metrics, Summary std, List<DatasetScore> perDataset, List<CurvePoint> curve) {
        this(metrics, std, perDataset, curve, null);
    }

    /** The mean and deviation over {@code perDataset}, no curve. */
    static Outcome over(List<DatasetScore> perDataset) {
        return new Outcome(DatasetScore.mean(perDataset), DatasetScore.std(perDataset), perDataset, null);
    }
}
