package dev.modelscout.recommender;

import java.util.List;
import java.util.Set;

/** A recommender that reads rows through a fitted {@link FeatureEncoding} (ridge, FM): what it reads is the encoding's. */
interface EncodedRecommender extends Recommender {

    FeatureEncoding encoding();

    @Override
    default List<String> inputColumns() {
        return encoding().inputColumns();
    }

    @Override
    default Set<String> knownDatasets() {
        return encoding().categoryValues(HistorySchema.DATASET);
    }

    @Override
    default List<List<String>> outOfRange(List<Job> rows) {
        return encoding().outOfRange(rows, 4);
    }

    @Override
    default Set<String> knownModels() {
        return encoding().categoryValues(HistorySchema.MODEL);
    }
}
