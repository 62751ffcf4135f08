package dev.modelscout.workflow.recommend;

import dev.modelscout.core.Backbone;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.PredictionIntervals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one recommend run did, typed: the terminal table, the {@code --out} files and the report all read this, so
 * nothing is opened, read or parsed again after the run.
 *
 * @param datasetId    the target's id in the candidate rows
 * @param zoo          the catalog, as given
 * @param zooSha256    its SHA-256, taken when it was read
 * @param images       the target images and what became of them
 * @param scoreNames   the scores computed for every backbone, in column order
 * @param candidates   one per backbone, ranked best first
 * @param recommender  the recommender and where it came from
 * @param historyMeans mean accuracy per model of the recommender's training history, when asked for and known
 * @param meansNotes   why the means are not known, when they are not (sentences for people)
 * @param messages     what the run said on the way (cache notes, timings), in order
 * @param timings      where the time went
 * @param device       where the features were extracted
 * @param intervals    each candidate's calibrated interval (widened out of domain), or null when the recommender
 *                     was saved without
 * @param rankNotes    what people should know of the ranking (no intervals, out of domain, the fallback to what
 *                     transfers across zoos), sentences without a prefix
 */
public record RecommendRun(String datasetId, Path zoo, String zooSha256, Images images, List<String> scoreNames,
                           List<Candidate> candidates, ChosenRecommender recommender,
                           Optional<Map<String, Double>> historyMeans, List<String> meansNotes, List<String> messages,
                           Timings timings, String device, PredictionIntervals intervals, List<String> rankNotes) {

    public RecommendRun {
        rankNotes = List.copyOf(rankNotes);
        scoreNames = List.copyOf(scoreNames);
        candidates = List.copyOf(candidates);
        meansNotes = List.copyOf(meansNotes);
        messages = List.copyOf(messages);
    }

    /**
     * The target images.
     *
     * @param path     the folder or manifest
     * @param total    images listed
     * @param classes  classes
     * @param used     images after the per-class subsample ({@code dataset_size} of the candidate rows)
     * @param readable of those, the images whose features were extracted (the others skipped, unreadable)
     * @param perClass the subsample's images per class, 0 for all
     * @param seed     the subsample's seed
     * @param note     files in the class folders that are not images, or null
     * @param skipped  the unreadable images skipped ({@code path: reason}), each once
     */
    public record Images(Path path, int total, int classes, int used, int readable, int perClass, long seed,
                         String note, List<String> skipped) {

        public Images {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * One backbone's candidacy.
     *
     * @param prediction     its rank, predicted accuracy and the candidate row the recommender read
     * @param backbone       the catalog entry
     * @param scores         the transferability scores of its features, by name
     * @param domainDistance its domain distance to the target (NaN when its catalog entry has no source statistics)
     * @param cached         whether its features came from the cache
     */
    public record Candidate(Prediction prediction, Backbone backbone, Map<String, Double> scores,
                            double domainDistance, boolean cached) {

        public Candidate {
            scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
        }
    }

    /**
     * Seconds.
     *
     * @param recommender loading or training the recommender
     * @param pipeline    images, features, scores and prediction
     * @param extraction  of which extracting features (models read from the cache take none)
     * @param extracted   models whose features were extracted rather than read from the cache
     */
    public record Timings(double recommender, double pipeline, double extraction, int extracted) {
    }

    /** The predictions, ranked best first (the rows the recommender read with their typed numbers). */
    public List<Prediction> predictions() {
        return candidates.stream().map(Candidate::prediction).toList();
    }
}
