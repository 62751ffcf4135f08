package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One point of a learning curve.
 *
 * @param fraction  share of each fold's training jobs kept
 * @param trainRows mean number of training jobs per fit at this fraction
 * @param metrics   mean over the folds and subsamples at this fraction
 */
public record CurvePoint(double fraction, @JsonProperty("train_rows") double trainRows, Summary metrics) {
}
