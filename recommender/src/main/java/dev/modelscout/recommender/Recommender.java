package dev.modelscout.recommender;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A trained recommender: predicts the fine-tuned accuracy of (dataset, model) rows. Saved and loaded as
 * JSON by {@link Recommenders} (the {@code kind} names its entry in {@link Recommenders#KINDS}); a loaded
 * recommender predicts exactly what the saved one did.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
public interface Recommender {

    /** Predicted accuracy of each row (rows of one dataset should be passed together: see FieldSpec.Normalize). */
    double[] predict(List<Job> rows);

    Provenance provenance();

    /** The history columns this recommender reads from a row, in a stable order. */
    List<String> inputColumns();

    /**
     * Datasets this recommender learned an effect of (its training history's dataset ids, when it encodes
     * them): a target given one of these ids inherits that effect.
     */
    default Set<String> knownDatasets() {
        return Set.of();
    }

    /**
     * Per row, the columns whose value lies far outside what this recommender was trained on (more than 4
     * training standard deviations from the training mean): there it extrapolates. Empty lists when it cannot tell.
     */
    default List<List<String>> outOfRange(List<Job> rows) {
        return rows.stream().map(r -> List.<String>of()).toList();
    }

    /** Models this recommender learned an effect of (empty when it reads no model ids: then none is "unseen"). */
    default Set<String> knownModels() {
        return Set.of();
    }

    /**
     * The transferability scores this recommender reads (names as in the score columns: {@code logme},
     * {@code reg_hscore}, ...): what must be computed for a candidate row before it can be predicted.
     */
    default List<String> requiredScores() {
        Set<String> names = new LinkedHashSet<>();
        for (String c : inputColumns()) {
            HistorySchema.scoreName(c).ifPresent(names::add);
        }
        return List.copyOf(names);
    }
}
