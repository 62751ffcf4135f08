package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of an evaluation, as written to results.json ({@link ResultsJson}).
 *
 * @param protocol   the protocol's id ({@link Protocol.Kind#id()})
 * @param k          k of the top-k hit rate
 * @param metrics    mean over test datasets (unseen-models: of the split means; learning-curve: at the largest fraction)
 * @param std        the standard deviation that goes with {@code metrics}
 * @param perDataset every test dataset's score (unseen-models: in every split; learning-curve: at the largest fraction)
 * @param curve      learning-curve only (else null, left out of the JSON)
 * @param baseline   the popularity baseline beside it, or null (left out of the JSON)
 * @param active     active only: the guided loop beside the static orders (else null, left out of the JSON)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(String protocol, String recommender, List<String> features, String history,
                     @JsonProperty("history_sha256") String historySha256, int k, Summary metrics, Summary std,
                     @JsonProperty("per_dataset") List<DatasetScore> perDataset, List<CurvePoint> curve,
                     Timing timing, Baseline baseline, ActiveResult active) {

    public Result(String protocol, String recommender, List<String> features, String history, String historySha256,
                  int k, Summary metrics, Summary std, List<DatasetScore> perDataset, List<CurvePoint> curve,
                  Timing timing, Baseline baseline) {
        this(protocol, recommender, features, history, historySha256, k, metrics, std, perDataset, curve, timing,
                baseline, null);
    }

    /** This result with {@code b} reported beside it. */
    public Result withBaseline(Baseline b) {
        return new Result(protocol, recommender, features, history, historySha256, k, metrics, std, perDataset, curve,
                timing, b, active);
    }
}
