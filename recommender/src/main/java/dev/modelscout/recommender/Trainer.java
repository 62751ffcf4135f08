package dev.modelscout.recommender;

/** Learns a {@link Recommender} from a training history. */
public interface Trainer {

    /** Trains on every job of {@code history}, with the features of {@code features} (a selected spec). */
    Recommender train(TrainingHistory history, FieldSpec features);

    /** Short name, as in {@code --recommender}. */
    String name();
}
