package dev.modelscout.recommender;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of a training history ({@code shared/data/histories/README.md}): the paper's dataset fields,
 * model fields and transferability scores, the fine-tuned accuracy and the job's source. The one place that
 * names them; readers, writers, candidate rows and the field spec all use these constants.
 */
public final class HistorySchema {

    public static final String DATASET = "dataset";
    /**
     * The number of labelled images a job draws on: the dataset's images after any per-class subsample
     * ({@code --per-class}); for a fine-tuning job that splits its folder, its training and validation images together;
     * for one validated on a separate folder ({@code finetune --val}, {@code jobs plan --val-root}), the images of
     * its own folder only (the folder a user would hand to {@code recommend}). A history row
     * written by {@code finetune} or a fine-tuning cell and a candidate row of {@code recommend} or a score cell
     * count the same way, so the recommender's {@code d} field compares like with like.
     */
    public static final String DATASET_SIZE = "dataset_size";
    public static final String NUM_CLASSES = "num_classes";
    public static final String MODEL = "model";
    public static final String ARCH_FAMILY = "arch_family";
    public static final String PRETRAIN_DATASET = "pretrain_dataset";
    public static final String INPUT_SIZE = "input_size";
    public static final String GMACS = "gmacs";
    public static final String PARAMS_M = "params_m";
    public static final String ACCURACY = "accuracy";
    public static final String SOURCE = "source";
    /**
     * Task difficulty, a dataset field computed from the images: the cross-validated accuracy of a
     * nearest-centroid probe on the features of one reference backbone (higher is easier).
     */
    public static final String PROBE_ACCURACY = "probe_accuracy";
    /** The reference backbone of {@link #PROBE_ACCURACY} (a model id). */
    public static final String PROBE_MODEL = "probe_model";
    /**
     * A pair field computed from the images: the distance between the target's mean feature and the backbone's
     * pre-training sample's, in units of the sample's spread, in the backbone's feature space.
     */
    public static final String DOMAIN_DISTANCE = "domain_distance";

    /**
     * Columns beyond the shared schema that modelscout writes when it knows them: the image-derived dataset and
     * pair fields. Optional: a history without them reads as before.
     */
    public static final List<String> IMAGE_FIELDS = List.of(PROBE_ACCURACY, PROBE_MODEL, DOMAIN_DISTANCE);

    /**
     * The standard error of {@link #ACCURACY} when it is the mean over several seeds of a job (the seeds' sample
     * standard deviation divided by the square root of their number). Optional, like the image fields: a history
     * without it reads as before, and no recommender reads it as a feature.
     */
    public static final String ACCURACY_SE = "accuracy_se";
    /** How many seeds {@link #ACCURACY} is the mean of (optional). */
    public static final String ACCURACY_SEEDS = "accuracy_seeds";

    /** Prefix of the score columns: {@code score_logme} holds the LogME score. */
    public static final String SCORE_PREFIX = "score_";

    /** The score names of the schema, in column order. */
    public static final List<String> SCORES = List.of("lfc", "parc", "logme", "leep", "nleep", "nce", "hscore",
            "reg_hscore", "gbc", "transrate", "otce", "pactran");

    /** The score columns of the schema, in column order. */
    public static final List<String> SCORE_COLUMNS = SCORES.stream().map(HistorySchema::scoreColumn).toList();

    /** The default header, in the order of the shared histories. */
    public static final List<String> COLUMNS = columns();

    /** Columns that must hold numbers (checked when a file is read). */
    public static final Set<String> NUMERIC = numeric();

    private HistorySchema() {
    }

    /** The column of score {@code name} ({@code logme -> score_logme}). */
    public static String scoreColumn(String name) {
        return SCORE_PREFIX + name.strip().toLowerCase(Locale.ROOT);
    }

    /** The score name of {@code column} ({@code score_logme -> logme}), or empty when it is not a score column. */
    public static Optional<String> scoreName(String column) {
        return column.startsWith(SCORE_PREFIX) && column.length() > SCORE_PREFIX.length()
                ? Optional.of(column.substring(SCORE_PREFIX.length())) : Optional.empty();
    }

    /**
     * A number as written into a history cell: "" for NaN (unknown), whole numbers without a fraction
     * ({@code 600}), others as the shortest decimal that reads back as the same double.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static List<String> columns() {
        List<String> c = new java.util.ArrayList<>(List.of(DATASET, DATASET_SIZE, NUM_CLASSES, MODEL, ARCH_FAMILY,
                PRETRAIN_DATASET, INPUT_SIZE, GMACS, PARAMS_M));
        c.addAll(SCORE_COLUMNS);
        c.add(ACCURACY);
        c.add(SOURCE);
        return List.copyOf(c);
    }

    private static Set<String> numeric() {
        Set<String> n = new java.util.LinkedHashSet<>(List.of(DATASET_SIZE, NUM_CLASSES, INPUT_SIZE, GMACS, PARAMS_M));
        n.addAll(SCORE_COLUMNS);
        n.add(ACCURACY);
        n.add(PROBE_ACCURACY);
        n.add(DOMAIN_DISTANCE);
        n.add(ACCURACY_SE);
        n.add(ACCURACY_SEEDS);
        return java.util.Collections.unmodifiableSet(n);
    }
}
