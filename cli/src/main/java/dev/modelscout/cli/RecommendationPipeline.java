package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.TransferabilityScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end job: for every backbone of a zoo, features of the target images (engine, cached), the
 * transferability scores the recommender reads (scoring), then the recommender's predicted fine-tuned
 * accuracy of each (dataset, backbone) pair, ranked. Composition only; each step is one module's.
 */
final class RecommendationPipeline {

    private static final Pattern SCORE_COLUMN = Pattern.compile("score_([a-z0-9_]+)");

    /** One ranked backbone with the candidate row that the recommender saw. */
    record Recommendation(Prediction prediction, Job row, Map<String, Double> scores) {
    }

    private RecommendationPipeline() {
    }

    /**
     * The score names (history columns without {@code score_}) that a recommender's features read, plus
     * {@code extra}, in a stable order.
     */
    static List<String> scoresNeeded(Recommender recommender, List<String> extra) {
        Set<String> names = new LinkedHashSet<>();
        for (String feature : recommender.provenance().features()) {
            Matcher m = SCORE_COLUMN.matcher(feature);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
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
     * @param scoreNames scores to compute for every backbone (history names: logme, parc, ...)
     */
    static List<Recommendation> run(ZooFeatures request, String datasetId, List<String> scoreNames,
            Recommender recommender, ExtractionOptions options, ExtractionListener listener) {
        Path images = request.images();
        ImageDataset all = request.dataset();
        List<TransferabilityScore> scorers = scoreNames.isEmpty() ? List.of()
                : Scores.parse(String.join(",", scoreNames), Scores.Options.defaults(), false);

        List<Job> rows = new ArrayList<>();
        Map<String, Map<String, Double>> scoresByModel = new LinkedHashMap<>();
        request.forEach(all, options, listener, (b, f) -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Scores.Result r : Scores.run(scorers, f.features(), f.labels(), null)) {
                scores.put(r.name(), r.value());
            }
            scoresByModel.put(b.id(), scores);
            rows.add(candidate(images, rows.size() + 1, datasetId, all, b, scores));
        });
        TrainingHistory candidates = TrainingHistory.of(images.toString(), TrainingHistory.SCHEMA, rows);
        List<Recommendation> out = new ArrayList<>();
        Map<String, Job> rowByModel = new LinkedHashMap<>();
        rows.forEach(r -> rowByModel.put(r.model(), r));
        for (Prediction p : Prediction.rank(recommender, candidates)) {
            out.add(new Recommendation(p, rowByModel.get(p.model()), scoresByModel.get(p.model())));
        }
        return out;
    }

    /** The candidate row of one backbone: dataset and model features of the history schema, accuracy unknown. */
    static Job candidate(Path images, int line, String datasetId, ImageDataset all, Backbone b,
            Map<String, Double> scores) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (String column : TrainingHistory.SCHEMA) {
            cells.put(column, "");
        }
        cells.put("dataset", datasetId);
        cells.put("dataset_size", Integer.toString(all.size()));
        cells.put("num_classes", Integer.toString(all.classNames().size()));
        cells.put("model", b.id());
        cells.put("arch_family", nullToEmpty(b.archFamily()));
        cells.put("pretrain_dataset", nullToEmpty(b.pretrainDataset()));
        cells.put("input_size", Integer.toString(b.inputSize()));
        cells.put("gmacs", b.gmacs() == null ? "" : Double.toString(b.gmacs()));
        cells.put("params_m", b.paramsM() == null ? "" : Double.toString(b.paramsM()));
        scores.forEach((name, value) -> cells.put("score_" + name, Double.toString(value)));
        return new Job(images.toString(), line, datasetId, b.id(), Double.NaN, cells);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
