package dev.modelscout.recommender;

/** Learns a {@link Recommender} from a training history. */
public interface Trainer {

    /** Trains on every job of {@code history}, with the features of {@code features} (a selected spec). */
    Recommender train(TrainingHistory history, FieldSpec features);

    /**
     * {@link #train}, telling {@code progress} one line at a time how far a long training is (a trainer that fits
     * many models, such as {@code auto}, reports each finished fit; others report nothing). The lines may come from
     * several threads.
     */
    default Recommender train(TrainingHistory history, FieldSpec features, java.util.function.Consumer<String> progress) {
        return train(history, features);
    }

    /**
     * How {@link LodoResiduals} refits {@code fitted} (a model this trainer made with {@code features}) on a history
     * with one dataset fewer, to calibrate its intervals: by default this trainer with the same features. A trainer
     * that chooses among candidates ({@code auto}) refits the candidate it chose, its settings fixed, so the residuals
     * are those of the model shipped rather than of re-runs of its choice.
     */
    default java.util.function.Function<TrainingHistory, Recommender> refit(Recommender fitted, FieldSpec features) {
        return h -> train(h, features);
    }

    /** Short name, as in {@code --recommender}. */
    String name();
}
