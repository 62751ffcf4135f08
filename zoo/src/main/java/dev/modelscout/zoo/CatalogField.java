package dev.modelscout.zoo;

import dev.modelscout.core.Backbone;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The fields of a catalog entry, in the order the files list them: the one list that the header check,
 * both codecs and the messages take the field names from.
 */
enum CatalogField {
    ID("id", Backbone::id),
    ARCH_FAMILY("arch_family", Backbone::archFamily),
    PRETRAIN_DATASET("pretrain_dataset", Backbone::pretrainDataset),
    RESIZE("resize", b -> b.preprocessing().resize()),
    CROP("crop", b -> b.preprocessing().crop()),
    MEAN("mean", b -> b.preprocessing().mean()),
    STD("std", b -> b.preprocessing().std()),
    CHANNELS("channels", b -> b.preprocessing().channels()),
    FEATURE_DIM("feature_dim", Backbone::featureDim),
    GMACS("gmacs", Backbone::gmacs),
    PARAMS_M("params_m", Backbone::paramsM),
    WEIGHTS("weights", Backbone::weights),
    SHA256("sha256", Backbone::sha256),
    SOURCE_STATS("source_stats", Backbone::sourceStats);

    /** The fields every entry needs. */
    static final List<CatalogField> REQUIRED = List.of(ID, WEIGHTS);
    /** The field names, comma-separated, for messages and documentation. */
    static final String NAMES = String.join(", ", Arrays.stream(values()).map(f -> f.key).toList());

    /** The name in a CSV header or a JSON object. */
    final String key;
    private final Function<Backbone, Object> value;

    CatalogField(String key, Function<Backbone, Object> value) {
        this.key = key;
        this.value = value;
    }

    /** This field of {@code b}: a String, Integer, Double, double[] or null (not set). */
    Object value(Backbone b) {
        return value.apply(b);
    }

    /** The field with this name, or a {@link ZooException} at {@code where} listing the known names. */
    static CatalogField named(String key, String where) {
        for (CatalogField f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new ZooException(where + ": unknown field '" + CatalogRules.shown(key) + "' (known: " + NAMES + ")");
    }
}
