package dev.modelscout.recommender.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Wall-clock spent training (all fits together) and in the whole evaluation. */
public record Timing(int fits, @JsonProperty("train_seconds") double trainSeconds,
                     @JsonProperty("mean_train_seconds") double meanTrainSeconds,
                     @JsonProperty("total_seconds") double totalSeconds) {
}
