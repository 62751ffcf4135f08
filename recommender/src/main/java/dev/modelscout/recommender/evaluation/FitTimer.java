package dev.modelscout.recommender.evaluation;

import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Trainer;
import dev.modelscout.recommender.TrainingHistory;

/**
 * A trainer with its features, counting the fits it makes and the time they take. One per evaluation; not
 * thread-safe.
 */
public final class FitTimer {

    private final Trainer trainer;
    private final FieldSpec features;
    private final long started = System.nanoTime();
    private int fits;
    private long trainNanos;

    public FitTimer(Trainer trainer, FieldSpec features) {
        this.trainer = trainer;
        this.features = features;
    }

    /** Trains on every job of {@code history}, timed. */
    public Recommender train(TrainingHistory history) {
        long t = System.nanoTime();
        Recommender r = trainer.train(history, features);
        trainNanos += System.nanoTime() - t;
        fits++;
        return r;
    }

    /**
     * The leave-one-dataset-out refits that calibrate {@code fitted} (a model {@link #train} made), timed:
     * {@link Trainer#refit} (for {@code auto}, its chosen candidate, not a re-run of its choice).
     */
    public java.util.function.Function<TrainingHistory, Recommender> refit(Recommender fitted) {
        java.util.function.Function<TrainingHistory, Recommender> fit = trainer.refit(fitted, features);
        return h -> {
            long t = System.nanoTime();
            Recommender r = fit.apply(h);
            trainNanos += System.nanoTime() - t;
            fits++;
            return r;
        };
    }

    /** The fits so far, their time, and the time since this timer was made. */
    public Timing timing() {
        double train = trainNanos / 1e9;
        return new Timing(fits, train, fits == 0 ? 0 : train / fits, (System.nanoTime() - started) / 1e9);
    }
}
