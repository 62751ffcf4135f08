package dev.modelscout.recommender;

/**
 * How {@link HistoryReader} reads a file.
 *
 * @param onDuplicate       what to do with a second job for the same (dataset, model)
 * @param requireAccuracy   true for a training history; false for rows to predict (accuracy optional)
 * @param accuracyInPercent the accuracy column holds percentages in [0,100]; divide by 100
 */
public record ReadOptions(OnDuplicate onDuplicate, boolean requireAccuracy, boolean accuracyInPercent) {

    public static ReadOptions defaults() {
        return new ReadOptions(OnDuplicate.ERROR, true, false);
    }

    public static ReadOptions forPrediction() {
        return new ReadOptions(OnDuplicate.ERROR, false, false);
    }

    public ReadOptions withOnDuplicate(OnDuplicate d) {
        return new ReadOptions(d, requireAccuracy, accuracyInPercent);
    }

    public ReadOptions withAccuracyInPercent(boolean p) {
        return new ReadOptions(onDuplicate, requireAccuracy, p);
    }
}
