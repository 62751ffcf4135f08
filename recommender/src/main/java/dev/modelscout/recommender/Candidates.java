package dev.modelscout.recommender;

import dev.modelscout.core.Backbone;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Candidate rows: one (target dataset, backbone) pair whose fine-tuned accuracy a recommender predicts, in
 * the history's schema, built from typed values (the dataset's facts, the catalog's backbone, the scores
 * computed on its features) with nothing turned into text.
 */
public final class Candidates {

    private Candidates() {
    }

    /**
     * The candidate row of {@code backbone} on {@code dataset}.
     *
     * @param source  names the rows in messages (e.g. the image folder)
     * @param line    1-based position of the row among the candidates
     * @param scores  score name ({@code logme}, ...) -> value; a NaN value is left unknown
     */
    public static Job row(String source, long line, DatasetFacts dataset, Backbone backbone, Map<String, Double> scores) {
        return row(source, line, dataset, backbone, scores, Double.NaN);
    }

    /**
     * The candidate row of {@code backbone} on {@code dataset}, with its domain distance
     * ({@link HistorySchema#DOMAIN_DISTANCE}; NaN: unknown).
     */
    public static Job row(String source, long line, DatasetFacts dataset, Backbone backbone, Map<String, Double> scores,
            double domainDistance) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put(HistorySchema.DATASET, dataset.id());
        text.put(HistorySchema.MODEL, backbone.id());
        putText(text, HistorySchema.ARCH_FAMILY, backbone.archFamily());
        putText(text, HistorySchema.PRETRAIN_DATASET, backbone.pretrainDataset());
        putText(text, HistorySchema.PROBE_MODEL, dataset.probeModel());
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put(HistorySchema.DATASET_SIZE, (double) dataset.size());
        numbers.put(HistorySchema.NUM_CLASSES, (double) dataset.numClasses());
        numbers.put(HistorySchema.INPUT_SIZE, (double) backbone.inputSize());
        putNumber(numbers, HistorySchema.GMACS, backbone.gmacs());
        putNumber(numbers, HistorySchema.PARAMS_M, backbone.paramsM());
        scores.forEach((name, value) -> putNumber(numbers, HistorySchema.scoreColumn(name), value));
        putNumber(numbers, HistorySchema.PROBE_ACCURACY, dataset.probeAccuracy());
        putNumber(numbers, HistorySchema.DOMAIN_DISTANCE, domainDistance);
        return new Job(source, line, dataset.id(), backbone.id(), Double.NaN, text, numbers);
    }

    private static void putText(Map<String, String> m, String column, String value) {
        if (value != null && !value.isBlank()) {
            m.put(column, value);
        }
    }

    private static void putNumber(Map<String, Double> m, String column, Double value) {
        if (value != null && Double.isFinite(value)) {
            m.put(column, value);
        }
    }
}
