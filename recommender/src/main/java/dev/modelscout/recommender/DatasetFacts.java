package dev.modelscout.recommender;

/**
 * The dataset fields of a candidate row: what is known of the target dataset before any fine-tuning.
 *
 * @param id            the dataset id the rows get (as in the history's {@code dataset} column)
 * @param size          {@link HistorySchema#DATASET_SIZE}: the images the job draws on, after any per-class
 *                      subsample (a fine-tuning job's training and validation images together)
 * @param numClasses    number of classes
 * @param probeAccuracy task difficulty: the probe's cross-validated accuracy on the reference backbone's features
 *                      ({@link HistorySchema#PROBE_ACCURACY}), or NaN when not computed
 * @param probeModel    the reference backbone of the probe, or null when not computed
 */
public record DatasetFacts(String id, int size, int numClasses, double probeAccuracy, String probeModel) {

    public DatasetFacts {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a dataset id is required");
        }
    }

    /** Facts without a task-difficulty probe. */
    public DatasetFacts(String id, int size, int numClasses) {
        this(id, size, numClasses, Double.NaN, null);
    }

    /** These facts with the probe's accuracy on {@code model}'s features. */
    public DatasetFacts withProbe(double accuracy, String model) {
        return new DatasetFacts(id, size, numClasses, accuracy, model);
    }
}
