package dev.modelscout.workflow.recommend;

import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.workflow.ZooFeatures;
import java.util.List;

/**
 * One recommend run, as the command asks for it.
 *
 * @param features     the zoo, the images, the backbones, the per-class subsample and the feature cache
 * @param datasetId    the id the target gets in the candidate rows
 * @param scoreNames   the scores to compute for every backbone ({@link RecommendationPipeline#scoresNeeded})
 * @param recommender  the recommender and where it came from
 * @param options      how to extract (device, batch, threads)
 * @param historyMeans whether the run needs the per-model means of the recommender's training history (the
 *                     "best on average" naive pick, when true accuracies are at hand)
 */
public record RecommendRequest(ZooFeatures features, String datasetId, List<String> scoreNames,
                               ChosenRecommender recommender, ExtractionOptions options, boolean historyMeans) {

    public RecommendRequest {
        scoreNames = List.copyOf(scoreNames);
    }
}
