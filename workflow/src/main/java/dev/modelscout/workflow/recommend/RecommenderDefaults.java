package dev.modelscout.workflow.recommend;

import java.util.List;

/**
 * The defaults every command that trains a recommender shares ({@code train}, {@code evaluate},
 * {@code recommend --history}, {@code select}), so that {@code train} saves, and {@code evaluate} tests, the kind of
 * recommender that {@code recommend} uses: the embedded world's {@code recommender.json} was trained with these
 * features ({@code src/world/make-history.sh}).
 */
public final class RecommenderDefaults {

    /**
     * The default {@code --features}: the dataset and model fields and every score of the schema ({@code d,m,s}).
     * With the default {@code auto} recommender the scores are a pool that inner cross-validation takes only when
     * they help (a history without scores gets {@code d,m}); a fixed recommender reads them all.
     */
    public static final String FEATURES = "d,m,s";

    private RecommenderDefaults() {
    }

    /** {@link #FEATURES} as tokens for {@code FieldSpec.select}. */
    public static List<String> featureTokens() {
        return List.of(FEATURES.split(","));
    }
}
