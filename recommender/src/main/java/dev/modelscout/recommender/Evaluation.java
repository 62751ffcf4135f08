package dev.modelscout.recommender;

import dev.modelscout.recommender.evaluation.ActiveReplay;
import dev.modelscout.recommender.evaluation.FitTimer;
import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Outcome;
import dev.modelscout.recommender.evaluation.Protocol;
import dev.modelscout.recommender.evaluation.Result;

/**
 * Offline evaluation of a trainer on a history, with the paper's protocols (package
 * {@code dev.modelscout.recommender.evaluation}: one class per protocol, the result records, results.json).
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Evaluates {@code trainer} with {@code features} on {@code history} following {@code options}.
     *
     * @throws dev.modelscout.core.InvalidOptionException before any training, when the history cannot satisfy
     *                                                    the options (a test dataset it lacks, too few models)
     */
    public static Result evaluate(TrainingHistory history, Trainer trainer, FieldSpec features, Options options) {
        return evaluate(history, trainer, features, options, null);
    }

    /**
     * As {@link #evaluate(TrainingHistory, Trainer, FieldSpec, Options)}; the active protocol also replays its
     * orders, and the multi-fidelity ones, on {@code curves} (null: none; other protocols ignore them).
     */
    public static Result evaluate(TrainingHistory history, Trainer trainer, FieldSpec features, Options options,
                                  LearningCurves curves) {
        FitTimer fits = new FitTimer(trainer, features);
        Protocol protocol = Protocol.of(options);
        if (protocol instanceof ActiveReplay a && curves != null) {
            protocol = a.withCurves(curves);
        }
        Outcome o = protocol.evaluate(history, fits);
        return new Result(protocol.kind().id(), trainer.name(), features.labels(), history.source(), history.sha256(),
                options.topK(), o.metrics(), o.std(), o.perDataset(), o.curve(), fits.timing(), null,
                o.active());
    }
}
