package dev.modelscout.workflow.recommend;

import dev.modelscout.core.ModelScoutException;
import dev.modelscout.recommender.Recommenders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The recommender this build carries for targets outside the embedded world: trained on the public TransferGraph
 * history ({@code src/build/train-default-recommender.sh}), a class-path resource beside this class.
 */
public final class DefaultRecommender {

    /** The resource's name, as people see it. */
    public static final String NAME = "default-recommender.json";

    private DefaultRecommender() {
    }

    /** The embedded default recommender with its saved intervals, or a one-line error saying this build lacks it. */
    public static Recommenders.SavedRecommender loadSaved() {
        try (InputStream in = DefaultRecommender.class.getResourceAsStream(NAME)) {
            if (in == null) {
                throw new ModelScoutException("the embedded default recommender is missing from this build; "
                        + "give --model or --history");
            }
            return Recommenders.savedFromJson("embedded " + NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelScoutException("cannot read the embedded default recommender: " + e.getMessage(), e);
        }
    }
}
