package dev.modelscout.recommender.evaluation;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.recommender.TrainingHistory;
import java.util.Arrays;
import java.util.function.Function;

/**
 * An evaluation protocol: which jobs each fit trains on and which held-out jobs it is scored on, as Tribuo's
 * {@code CrossValidation} and {@code TrainTestSplitter}. Metrics are computed per test dataset (predicted vs.
 * true accuracy of that dataset's held-out models), then averaged.
 */
public sealed interface Protocol permits UnseenModels, LeaveOneDatasetOut, TrainTest, LearningCurve, ActiveReplay {

    /** The protocols by name, as in {@code --protocol}: the one registry. */
    enum Kind {
        /** Random model splits (test fraction of the models held out), repeated with seeds. */
        UNSEEN_MODELS("unseen-models", UnseenModels::of),
        /** Each test dataset in turn: train on every other dataset's jobs, predict the held-out dataset. */
        LEAVE_ONE_DATASET_OUT("leave-one-dataset-out", LeaveOneDatasetOut::of),
        /** One model trained on the train datasets, evaluated on the test datasets. */
        TRAIN_TEST("train-test", TrainTest::of),
        /** Leave-one-dataset-out with a growing random fraction of the training jobs. */
        LEARNING_CURVE("learning-curve", LearningCurve::of),
        /** Leave-one-dataset-out, the guided loop replayed with the held-out accuracies as the fine-tuning oracle. */
        ACTIVE("active", ActiveReplay::of);

        private final String id;
        private final Function<Options, Protocol> factory;

        Kind(String id, Function<Options, Protocol> factory) {
            this.id = id;
            this.factory = factory;
        }

        public String id() {
            return id;
        }

        /** The protocol of {@code id} (or of the constant's name), ignoring case. */
        public static Kind parse(String id) {
            String s = id.strip();
            for (Kind k : values()) {
                if (k.id.equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw OptionRules.invalid("--protocol", id, "unknown protocol",
                    String.join(", ", Arrays.stream(values()).map(Kind::id).toList()));
        }
    }

    /** The protocol {@code options} ask for, with their settings. */
    static Protocol of(Options options) {
        return options.protocol().factory.apply(options);
    }

    Kind kind();

    /**
     * Refuses settings that {@code history} cannot satisfy (test datasets it lacks, a fraction that holds out too
     * few models); trains nothing.
     *
     * @throws InvalidOptionException naming the option and what is allowed
     */
    void check(TrainingHistory history);

    /** {@link #check Checks}, then trains with {@code fits} and scores the held-out jobs. */
    Outcome evaluate(TrainingHistory history, FitTimer fits);
}
