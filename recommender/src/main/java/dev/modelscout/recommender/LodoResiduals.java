package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Leave-one-dataset-out residuals of a trainer on a history: each dataset in turn is held out, the trainer fits
 * the other datasets' jobs, and every held-out job's accuracy is compared with its prediction. These are the
 * errors the recommender makes on a dataset it has never seen (a user's target), so they calibrate its
 * intervals ({@link Calibration}) and say how its errors move together across models (the guided loop's
 * {@code ResidualField}).
 *
 * @param residuals one per job of every dataset (in the history's order of datasets, then jobs)
 */
public record LodoResiduals(List<Residual> residuals) {

    /**
     * One held-out job.
     *
     * @param predicted what the fit without its dataset predicted
     * @param actual    its accuracy
     */
    public record Residual(String dataset, String model, double predicted, double actual) {
        /** actual - predicted. */
        public double value() {
            return actual - predicted;
        }
    }

    public LodoResiduals {
        residuals = List.copyOf(residuals);
    }

    /** No residuals: a history with fewer than two datasets has none. */
    public static LodoResiduals none() {
        return new LodoResiduals(List.of());
    }

    /**
     * Holds out each dataset of {@code history} in turn, fits the rest with {@code fit} and predicts the held-out
     * jobs: one fit per dataset. Fewer than two datasets: {@link #none()}.
     */
    public static LodoResiduals of(TrainingHistory history, Function<TrainingHistory, Recommender> fit) {
        Map<String, List<Job>> byDataset = history.byDataset();
        if (byDataset.size() < 2) {
            return none();
        }
        List<Residual> out = new ArrayList<>();
        for (Map.Entry<String, List<Job>> e : byDataset.entrySet()) {
            String held = e.getKey();
            Recommender r = fit.apply(history.filter(j -> !j.dataset().equals(held)));
            List<Job> rows = e.getValue();
            double[] p = r.predict(rows);
            for (int i = 0; i < rows.size(); i++) {
                out.add(new Residual(held, rows.get(i).model(), p[i], rows.get(i).accuracy()));
            }
        }
        return new LodoResiduals(out);
    }

    /**
     * The residuals of {@code trainer} re-run with {@code features} on each refit (for {@code auto}: its whole choice,
     * on one dataset fewer): what the guided loop's {@code ResidualField} learns from. Intervals are calibrated with
     * {@link #of(TrainingHistory, Trainer, FieldSpec, Recommender)}.
     */
    public static LodoResiduals of(TrainingHistory history, Trainer trainer, FieldSpec features) {
        return of(history, h -> trainer.train(h, features));
    }

    /**
     * The residuals that calibrate {@code fitted}, the model {@code trainer} made with {@code features} on
     * {@code history}: each refit is {@link Trainer#refit} (for {@code auto}, its chosen candidate with its settings
     * fixed, not a re-run of its choice).
     */
    public static LodoResiduals of(TrainingHistory history, Trainer trainer, FieldSpec features, Recommender fitted) {
        return of(history, trainer.refit(fitted, features));
    }

    /** Distinct datasets held out. */
    public List<String> datasets() {
        return residuals.stream().map(Residual::dataset).distinct().toList();
    }

    public boolean isEmpty() {
        return residuals.isEmpty();
    }
}
