package dev.modelscout.workflow.evaluate;

import dev.modelscout.recommender.AutoRecommender;
import dev.modelscout.recommender.Evaluation;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.LearningCurves;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Trainer;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.recommender.evaluation.Baseline;
import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code evaluate}: the recommender under test and, on the same folds, its baseline, with what an auto
 * recommender chose in each fit. The terminal's tables, {@code --out} and the report all read this run.
 *
 * @param result   the recommender's result, with the baseline's summary attached when there is one
 * @param baseline the baseline's own result (for the report's per-dataset comparison), or null
 * @param choices  an auto recommender's choice per fit, in fit order (empty for other recommenders)
 */
public record EvaluateRun(Result result, Result baseline, List<Choice> choices) {

    /**
     * What an auto recommender chose in one fit.
     *
     * @param heldOut the one dataset of the history that fit did not train on, or null when it is not exactly one
     * @param choice  the candidate it chose, as {@code AutoRecommender.Model#choice()} names it
     */
    public record Choice(String heldOut, String choice) {
    }

    public EvaluateRun {
        choices = List.copyOf(choices);
    }

    /**
     * Evaluates {@code trainer} on {@code history} under {@code options}; with a {@code baseline} trainer (null:
     * none), evaluates it on the same folds and attaches its summary.
     */
    public static EvaluateRun of(TrainingHistory history, Trainer trainer, Trainer baseline, FieldSpec features,
            Options options) {
        return of(history, trainer, baseline, features, options, null);
    }

    /**
     * As {@link #of(TrainingHistory, Trainer, Trainer, FieldSpec, Options)}; the active protocol also replays the
     * recommender's orders and the multi-fidelity ones on {@code curves} (null: none). The baseline's run does
     * not (its orders are the same).
     */
    public static EvaluateRun of(TrainingHistory history, Trainer trainer, Trainer baseline, FieldSpec features,
            Options options, LearningCurves curves) {
        List<Choice> choices = Collections.synchronizedList(new ArrayList<>());
        Result result = Evaluation.evaluate(history, recordingChoices(trainer, history, choices), features, options,
                curves);
        Result base = null;
        if (baseline != null) {
            base = Evaluation.evaluate(history, baseline, features, options);
            result = result.withBaseline(Baseline.of(base));
        }
        return new EvaluateRun(result, base, choices);
    }

    /** How often each choice was made, in order of first appearance. */
    public Map<String, Integer> choiceCounts() {
        Map<String, Integer> count = new LinkedHashMap<>();
        choices.forEach(c -> count.merge(c.choice(), 1, Integer::sum));
        return count;
    }

    /** {@code t}, noting the candidate an auto recommender chose in each fit with the one dataset it held out. */
    private static Trainer recordingChoices(Trainer t, TrainingHistory all, List<Choice> choices) {
        return new Trainer() {
            @Override
            public Recommender train(TrainingHistory history, FieldSpec features) {
                Recommender r = t.train(history, features);
                if (r instanceof AutoRecommender.Model a) {
                    List<String> out = new ArrayList<>(all.datasets());
                    out.removeAll(history.datasets());
                    choices.add(new Choice(out.size() == 1 ? out.get(0) : null, a.choice()));
                }
                return r;
            }

            @Override
            public java.util.function.Function<TrainingHistory, Recommender> refit(Recommender fitted,
                                                                                 FieldSpec features) {
                return t.refit(fitted, features); // auto's calibration refits its chosen candidate: no choice made
            }

            @Override
            public String name() {
                return t.name();
            }
        };
    }
}
