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

    /** Short name, as in {@code --recommender}. */
    String name();
}
