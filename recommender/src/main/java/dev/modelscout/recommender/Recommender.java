package dev.modelscout.recommender;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A trained recommender: predicts the fine-tuned accuracy of (dataset, model) rows. Saved and loaded as
 * JSON by {@link Recommenders}; a loaded recommender predicts exactly what the saved one did.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LinearRegression.Model.class, name = LinearRegression.NAME),
    @JsonSubTypes.Type(value = FactorizationMachine.Model.class, name = FactorizationMachine.NAME),
    @JsonSubTypes.Type(value = Popularity.Model.class, name = Popularity.NAME),
    @JsonSubTypes.Type(value = Ensemble.Model.class, name = Ensemble.NAME)
})
public sealed interface Recommender permits LinearRegression.Model, FactorizationMachine.Model, Popularity.Model,
        Ensemble.Model {

    /** Predicted accuracy of each row (rows of one dataset should be passed together: see FieldSpec.Normalize). */
    double[] predict(List<Job> rows);

    Provenance provenance();
}
