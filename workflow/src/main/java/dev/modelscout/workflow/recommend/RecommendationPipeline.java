package dev.modelscout.workflow.recommend;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.core.Sha256;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.Candidates;
import dev.modelscout.recommender.DatasetFacts;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Calibration;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.PredictionIntervals;
import dev.modelscout.recommender.TransferableRanking;
import dev.modelscout.recommender.RankingQuality;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.TransferabilityScore;
import dev.modelscout.workflow.ImageFields;
import dev.modelscout.workflow.OverlapPolicy;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The end-to-end job: for every backbone of a zoo, features of the target images (engine, cached), the
 * transferability scores the recommender reads (scoring), the image fields (task difficulty on the reference
 * backbone, each backbone's domain distance: {@link ImageFields}), a typed candidate row (recommender), then the
 * recommender's predicted fine-tuned accuracy of each (dataset, backbone) pair, ranked. Composition only; each
 * step is one module's, and what crosses each step is a typed value (features, score values, rows). The catalog,
 * the images and the history are each read once ({@link RecommendInputs}), and everything later steps show is in
 * the {@link RecommendRun} it returns.
 */
public final class RecommendationPipeline {

    private RecommendationPipeline() {
    }

    /** The scores the recommender reads, then {@code extra} (score names), in a stable order without repeats. */
    public static List<String> scoresNeeded(Recommender recommender, List<String> extra) {
        Set<String> names = new LinkedHashSet<>(recommender.requiredScores());
        names.addAll(extra);
        return List.copyOf(names);
    }

    /** {@link #run(RecommendRequest, RecommendInputs, OverlapPolicy, ExtractionListener)} on the files. */
    public static RecommendRun run(RecommendRequest request, OverlapPolicy overlap, ExtractionListener listener) {
        return run(request, RecommendInputs.FILES, overlap, listener);
    }

    /**
     * Runs the job.
     *
     * @param listener hears the extraction (progress, warnings) as it goes
     * @return the candidates ranked best first, with everything the table, the files and the report show
     */
    public static RecommendRun run(RecommendRequest request, RecommendInputs inputs, OverlapPolicy policy,
            ExtractionListener listener) {
        long t0 = System.nanoTime();
        ZooFeatures z = request.features();
        Recommender recommender = request.recommender().recommender();
        List<TransferabilityScore> scorers = Scores.of(request.scoreNames(), Scores.Options.defaults(), false);
        BackboneCatalog catalog = inputs.catalog(z.zoo());
        ImageDataset all = inputs.images(z.images());
        ImageDataset used = all.subsample(z.perClass(), z.seed());
        RecordingListener record = new RecordingListener(listener);
        Backbone reference = ImageFields.reference(catalog);
        double[] probe = {Double.NaN};
        int[] readable = {-1};
        Set<String> skipped = new LinkedHashSet<>();
        List<Scored> scored = new ArrayList<>();
        z.forEach(catalog, all, request.options(), record, policy, (b, f) -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Scores.Result r : Scores.run(scorers, f.features(), f.labels(), null)) {
                scores.put(r.name(), r.value());
            }
            if (b.id().equals(reference.id())) {
                probe[0] = ImageFields.probeAccuracy(f);
            }
            readable[0] = f.features().rows();
            skipped.addAll(f.skipped());
            scored.add(new Scored(b, scores, ImageFields.domainDistance(catalog, b, f), f.cached()));
        });
        if (Double.isNaN(probe[0])) { // the reference is not among the selected models: its features too
            probe[0] = ImageFields.probeAccuracy(ImageFields.referenceFeatures(catalog, used, request.options(),
                    z.cacheDir(), record));
        }
        DatasetFacts facts = new DatasetFacts(request.datasetId(), used.size(), used.classNames().size())
                .withProbe(probe[0], reference.id());
        List<Job> rows = new ArrayList<>();
        Map<String, Scored> byModel = new HashMap<>();
        for (Scored s : scored) {
            rows.add(Candidates.row(z.images().toString(), rows.size() + 1, facts, s.backbone(), s.scores(),
                    s.domainDistance()));
            byModel.put(s.backbone().id(), s);
        }
        List<Prediction> ranked = Prediction.rank(recommender, rows);
        List<String> rankNotes = new ArrayList<>();
        PredictionIntervals intervals = PredictionIntervals.of(request.recommender().calibration(), recommender, ranked,
                Calibration.SHOWN);
        if (intervals == null) {
            rankNotes.add("this recommender was saved without intervals; retrain it with `modelscout train` to get them");
        } else {
            List<String> transferable = TransferableRanking.scoreColumns(recommender.inputColumns(), ranked);
            if (2 * intervals.unseen().size() > ranked.size() && !transferable.isEmpty()) {
                ranked = TransferableRanking.rerank(ranked, transferable);
                rankNotes.add("most backbones are new to the recommender, so they are ranked by what transfers across "
                        + "zoos: their mean within-target rank of " + String.join(", ", transferable));
            }
            if (intervals.note() != null) {
                rankNotes.add(intervals.note());
            }
        }
        List<RecommendRun.Candidate> candidates = new ArrayList<>();
        for (Prediction p : ranked) {
            Scored s = byModel.get(p.model());
            candidates.add(new RecommendRun.Candidate(p, s.backbone(), s.scores(), s.domainDistance(), s.cached()));
        }
        List<String> meansNotes = new ArrayList<>();
        Optional<Map<String, Double>> means = request.historyMeans() ? historyMeans(request.recommender(), inputs,
                meansNotes) : Optional.empty();
        RecommendRun.Images images = new RecommendRun.Images(z.images(), all.size(), all.classNames().size(),
                used.size(), readable[0] < 0 ? used.size() : readable[0], z.perClass(), z.seed(),
                all.note().orElse(null), List.copyOf(skipped));
        RecommendRun.Timings timings = new RecommendRun.Timings(request.recommender().seconds(),
                (System.nanoTime() - t0) / 1e9, record.extractionSeconds(), record.extracted());
        return new RecommendRun(request.datasetId(), z.zoo(), sha256(z.zoo()), images, request.scoreNames(),
                candidates, request.recommender(), means, meansNotes, record.messages(), timings,
                request.options().device().toString(), intervals, rankNotes);
    }

    /**
     * The per-model means of the recommender's training history: of the history the command read, else of the file
     * it names (the embedded world's), else of the one its provenance names when that is here and unchanged.
     */
    private static Optional<Map<String, Double>> historyMeans(ChosenRecommender chosen, RecommendInputs inputs,
            List<String> notes) {
        if (chosen.history() != null) {
            return Optional.of(RankingQuality.meansOf(chosen.history()));
        }
        if (chosen.historyFile() != null) {
            return Optional.of(RankingQuality.meansOf(inputs.history(chosen.historyFile())));
        }
        return RankingQuality.historyMeans(chosen.recommender(), notes);
    }

    private static String sha256(java.nio.file.Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            throw new ModelScoutException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** One backbone's scores and domain distance, until the dataset's probe is known. */
    private record Scored(Backbone backbone, Map<String, Double> scores, double domainDistance, boolean cached) {
    }
}
