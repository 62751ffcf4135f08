package dev.modelscout.recommender;

/**
 * The dataset fields of a candidate row: what is known of the target dataset before any fine-tuning.
 *
 * @param id         the dataset id the rows get (as in the history's {@code dataset} column)
 * @param size       number of images
 * @param numClasses number of classes
 */
public record DatasetFacts(String id, int size, int numClasses) {

    public DatasetFacts {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a dataset id is required");
        }
    }
}
