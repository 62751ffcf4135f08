package dev.modelscout.workflow.recommend;

import dev.modelscout.workflow.ImageFields;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.core.Backbone;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.Candidates;
import dev.modelscout.recommender.DatasetFacts;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.TransferabilityScore;
import dev.modelscout.zoo.BackboneCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end job: for every backbone of a zoo, features of the target images (engine, cached), the
 * transferability scores the recommender reads (scoring), the image fields (task difficulty on the reference
 * backbone, each backbone's domain distance: {@link ImageFields}), a typed candidate row (recommender), then the
 * recommender's predicted fine-tuned accuracy of each (dataset, backbone) pair, ranked. Composition only;
 * each step is one module's, and what crosses each step is a typed value (features, score values, rows).
 */
public final class RecommendationPipeline {

    private RecommendationPipeline() {
    }

    /** The scores the recommender reads, then {@code extra} (score names), in a stable order without repeats. */
    public static List<String> scoresNeeded(Recommender recommender, List<String> extra) {
        Set<String> names = new LinkedHashSet<>(recommender.requiredScores());
        for (String e : extra) {
            if (!e.isBlank()) {
                names.add(e.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(names);
    }

    /**
     * Runs the job.
     *
     * @param request    the zoo, images, subsample and feature cache
     * @param datasetId  the id the target dataset gets in the candidate rows
     * @param scoreNames scores to compute for every backbone (logme, parc, ...)
     * @return the candidates ranked best first, each with the row that was predicted
     */
    public static List<Prediction> run(ZooFeatures request, String datasetId, List<String> scoreNames, Recommender recommender,
            ExtractionOptions options, ExtractionListener listener) {
        ImageDataset all = request.dataset();
        List<TransferabilityScore> scorers = Scores.of(scoreNames, Scores.Options.defaults(), false);
        BackboneCatalog catalog = BackboneCatalog.load(request.zoo());
        Backbone reference = ImageFields.reference(catalog);
        double[] probe = {Double.NaN};
        List<Scored> scored = new ArrayList<>();
        request.forEach(all, options, listener, (b, f) -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Scores.Result r : Scores.run(scorers, f.features(), f.labels(), null)) {
                scores.put(r.name(), r.value());
            }
            if (b.id().equals(reference.id())) {
                probe[0] = ImageFields.probeAccuracy(f);
            }
            scored.add(new Scored(b, scores, ImageFields.domainDistance(catalog, b, f)));
        });
        if (Double.isNaN(probe[0])) { // the reference is not among the selected models: its features too
            probe[0] = ImageFields.probeAccuracy(ImageFields.referenceFeatures(catalog,
                    all.subsample(request.perClass(), request.seed()), options, request.cacheDir(), listener));
        }
        ImageDataset used = all.subsample(request.perClass(), request.seed());
        DatasetFacts facts = new DatasetFacts(datasetId, used.size(), used.classNames().size())
                .withProbe(probe[0], reference.id());
        List<Job> rows = new ArrayList<>();
        for (Scored s : scored) {
            rows.add(Candidates.row(request.images().toString(), rows.size() + 1, facts, s.backbone(), s.scores(),
                    s.domainDistance()));
        }
        return Prediction.rank(recommender, rows);
    }

    /** One backbone's scores and domain distance, until the dataset's probe is known. */
    private record Scored(Backbone backbone, Map<String, Double> scores, double domainDistance) {
    }
}
