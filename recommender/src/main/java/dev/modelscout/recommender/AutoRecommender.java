package dev.modelscout.recommender;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.modelscout.core.InvalidOptionException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code auto}: chooses the recommender (popularity, ridge, factorization machine or their mean), its penalty and
 * the encoding of the score columns by cross-validation inside the history it is given, then trains the chosen
 * candidate on all of it. Only the training history is seen: inside an evaluation the outer test fold never
 * reaches {@link #train}, so this is ordinary nested cross-validation.
 *
 * <p>Candidates (the grid, small on purpose):
 * <ul>
 *   <li>{@code popularity} (the baseline; ignores the features);</li>
 *   <li>for each feature set: ridge with each lambda of {@link Config#ridgeLambdas}, the FM with each lambdaV of
 *       {@link Config#fmLambdaVs}, and the ensemble of the best of each (FM weight {@link Config#ensembleFmWeight}).
 *   </li>
 * </ul>
 * Feature sets: the non-score entries of the selection are kept as given. Its score entries whose column has a
 * value in some training job form the score pool (the selection is the upper bound: auto never adds a column);
 * with a pool, the sets are "no scores" and the whole pool with each of {@link Config#scoreEncodings} (raw,
 * per-dataset z-score, per-dataset rank; the encoding written in the selection is not kept).
 *
 * <p>Selection: {@link InnerValidation#folds}'s folds; on each held-out (fold, dataset) group of at least 3 jobs a
 * candidate gets {@link Config#metric} (by default the mean of Kendall's tau-b and Pearson's r of predicted vs
 * true accuracy), averaged over the groups. The choice climbs in steps, each taken only when it beats the step
 * below by more than {@link Config#margin} standard errors of their paired per-group difference: popularity;
 * the best candidate without scores; the best candidate with scores (compared with the best without). So up to
 * validation noise the choice is never worse than the baseline, and scores are used only when they clearly help.
 * When no candidate can be scored on any held-out group (a tiny history), popularity is kept. Deterministic: fixed folds, seeded FM, results independent of the number of threads.
 *
 * <p>This class is the trainer, its settings and its saved model; the parts of a fit are their own classes:
 * {@link AutoCandidates} (the grid), {@link AutoInnerScores} (the inner cross-validation),
 * {@link AutoSelection} (the stepwise choice), {@link GroupStatistics} (means and standard errors over groups).
 */
public final class AutoRecommender implements Trainer {

    public static final String NAME = "auto";

    /** The per-group inner-validation metric a candidate is chosen by. */
    public enum Metric {
        /** Kendall's tau-b. */
        KENDALL,
        /** Pearson's r. */
        PEARSON,
        /** The mean of the two (undefined when either is). */
        KENDALL_PEARSON;

        double of(double[] predicted, double[] truth) {
            return switch (this) {
                case KENDALL -> Metrics.kendall(predicted, truth);
                case PEARSON -> Metrics.pearson(predicted, truth);
                case KENDALL_PEARSON -> (Metrics.kendall(predicted, truth) + Metrics.pearson(predicted, truth)) / 2;
            };
        }

        String id() {
            return this == KENDALL_PEARSON ? "(kendall + pearson) / 2" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the score pool enters a feature set. */
    public enum ScoreUse {
        /** No score columns. */
        OFF,
        /** As they are (standardised over the training rows). */
        RAW,
        /** Z-score within each dataset first. */
        ZSCORE,
        /** Rank within each dataset, mapped to [0,1], first. */
        RANK;

        FieldSpec.Normalize normalize() {
            return switch (this) {
                case ZSCORE -> FieldSpec.Normalize.ZSCORE;
                case RANK -> FieldSpec.Normalize.RANK;
                default -> FieldSpec.Normalize.NONE;
            };
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param ridge            the ridge settings every ridge candidate starts from (its lambda is the candidate's)
     * @param fm               the FM settings every FM candidate starts from (its lambdaV is the candidate's)
     * @param ridgeLambdas     ridge penalties tried
     * @param fmLambdaVs       FM factor penalties tried
     * @param ensembleFmWeight the FM's weight in the ensemble candidate, in [0,1]
     * @param scoreEncodings   how the score pool is tried besides "no scores" (empty: scores as the selection has them)
     * @param metric           the selection metric
     * @param margin           standard errors by which a step up (popularity -> no scores -> scores) must win, &gt;= 0
     */
    public record Config(LinearRegression.Config ridge, FactorizationMachine.Config fm, List<Double> ridgeLambdas,
                         List<Double> fmLambdaVs, double ensembleFmWeight, List<ScoreUse> scoreEncodings,
                         Metric metric, double margin) {
        public Config {
            if (ridge == null || fm == null || metric == null) {
                throw new InvalidOptionException("auto needs ridge and FM settings and a metric");
            }
            ridgeLambdas = List.copyOf(ridgeLambdas);
            fmLambdaVs = List.copyOf(fmLambdaVs);
            scoreEncodings = scoreEncodings == null ? List.of() : List.copyOf(new LinkedHashSet<>(scoreEncodings));
            if (ridgeLambdas.isEmpty() || fmLambdaVs.isEmpty()) {
                throw new InvalidOptionException("auto needs at least one ridge lambda and one FM lambdaV");
            }
            for (double l : ridgeLambdas) {
                ridge.withLambda(l); // refuses lambda <= 0
            }
            for (double l : fmLambdaVs) {
                fm.withLambdaV(l); // refuses lambdaV < 0
            }
            if (!(margin >= 0 && margin < Double.POSITIVE_INFINITY)) {
                throw new InvalidOptionException("auto: the selection margin must be a finite number >= 0, not " + margin);
            }
            if (!(ensembleFmWeight >= 0 && ensembleFmWeight <= 1)) {
                throw new InvalidOptionException("FM weight must lie in [0, 1], not " + ensembleFmWeight);
            }
        }

        /**
         * The members' own untuned defaults, the penalty grids of their {@code --tune} (ridge lambda 0.3 to 30,
         * FM lambdaV 2, 5, 20), the plain mean as the ensemble, scores raw / z-score / rank, the mean of Kendall and
         * Pearson, steps of one standard error. See docs/recommender.md.
         */
        public static Config defaults() {
            return new Config(LinearRegression.Config.fixed(1.0), FactorizationMachine.Config.defaults(),
                    LinearRegression.Config.TUNE_GRID, FactorizationMachine.Config.TUNE_GRID, 0.5,
                    List.of(ScoreUse.RAW, ScoreUse.ZSCORE, ScoreUse.RANK), Metric.KENDALL_PEARSON, 1.0);
        }

        public Config withRidge(LinearRegression.Config c) {
            return new Config(c, fm, ridgeLambdas, fmLambdaVs, ensembleFmWeight, scoreEncodings, metric, margin);
        }

        public Config withFm(FactorizationMachine.Config c) {
            return new Config(ridge, c, ridgeLambdas, fmLambdaVs, ensembleFmWeight, scoreEncodings, metric, margin);
        }

        public Config withRidgeLambdas(List<Double> grid) {
            return new Config(ridge, fm, grid, fmLambdaVs, ensembleFmWeight, scoreEncodings, metric, margin);
        }

        public Config withFmLambdaVs(List<Double> grid) {
            return new Config(ridge, fm, ridgeLambdas, grid, ensembleFmWeight, scoreEncodings, metric, margin);
        }

        public Config withEnsembleFmWeight(double w) {
            return new Config(ridge, fm, ridgeLambdas, fmLambdaVs, w, scoreEncodings, metric, margin);
        }

        public Config withScoreEncodings(List<ScoreUse> e) {
            return new Config(ridge, fm, ridgeLambdas, fmLambdaVs, ensembleFmWeight, e, metric, margin);
        }

        public Config withMetric(Metric m) {
            return new Config(ridge, fm, ridgeLambdas, fmLambdaVs, ensembleFmWeight, scoreEncodings, m, margin);
        }

        public Config withMargin(double m) {
            return new Config(ridge, fm, ridgeLambdas, fmLambdaVs, ensembleFmWeight, scoreEncodings, metric, m);
        }
    }

    /**
     * One candidate's inner-validation score.
     *
     * @param candidate     the candidate, e.g. {@code fm(lambdaV=5) scores:zscore}
     * @param kendall       mean per-(fold, dataset) Kendall tau-b
     * @param pearson       mean per-(fold, dataset) Pearson
     * @param score         mean per-(fold, dataset) selection metric
     * @param groups        held-out (fold, dataset) groups the selection metric is defined on
     * @param vsBaseline    paired mean difference of the selection metric from popularity (0 for popularity)
     * @param standardError standard error of that difference
     */
    public record InnerScore(String candidate, double kendall, double pearson, double score, int groups,
                             double vsBaseline, double standardError) {
        /** As a provenance value. */
        String describe() {
            return String.format(Locale.ROOT, "score=%.4f kendall=%.4f pearson=%.4f groups=%d vsPopularity=%+.4f+-%.4f",
                    score, kendall, pearson, groups, vsBaseline, standardError);
        }
    }

    /**
     * A trained auto recommender: the chosen candidate's model, trained on the whole history, with the inner table.
     *
     * @param provenance trainer {@code auto(<chosen trainer>)}; settings: the selection, the choice, every
     *                   candidate's inner score ({@code inner.<candidate>}), the chosen model's settings prefixed by
     *                   its trainer
     * @param chosen     the chosen model (with its own provenance); predictions are its predictions
     * @param choice     the chosen candidate's name, as in {@code validation}
     * @param validation every candidate's inner score, in the order tried (popularity first)
     * @param refit      the chosen candidate's trainer (its settings fixed) and feature set, which calibration refits
     *                   ({@link #refit(Recommender, FieldSpec)}); not saved, so null in a model read from a file
     */
    public record Model(Provenance provenance, Recommender chosen, String choice, List<InnerScore> validation,
                        @JsonIgnore ChosenFit refit) implements Recommender {
        public Model {
            if (chosen == null || validation == null || validation.isEmpty()) {
                throw new IllegalArgumentException("auto: no chosen model or no inner-validation table");
            }
            validation = List.copyOf(validation);
            if (validation.stream().noneMatch(s -> s.candidate().equals(choice))) {
                throw new IllegalArgumentException("auto: the choice '" + choice + "' is not in its inner-validation table");
            }
        }

        @Override
        public double[] predict(List<Job> rows) {
            return chosen.predict(rows);
        }

        @Override
        public List<String> inputColumns() {
            return chosen.inputColumns();
        }

        @Override
        public Set<String> knownDatasets() {
            return chosen.knownDatasets();
        }

        @Override
        public Set<String> knownModels() {
            return chosen.knownModels();
        }

        @Override
        public List<List<String>> outOfRange(List<Job> rows) {
            return chosen.outOfRange(rows);
        }
    }


    /**
     * How the chosen candidate is fitted: its trainer, penalty fixed and no tuning or selection of its own, and the
     * feature set it was chosen with.
     */
    public record ChosenFit(Trainer trainer, FieldSpec features) {
        public ChosenFit {
            if (trainer == null || features == null) {
                throw new IllegalArgumentException("auto: the chosen fit needs a trainer and a feature set");
            }
        }
    }

    private final Config config;
    private final AutoCandidates grid;

    public AutoRecommender(Config config) {
        this(config, UnaryOperator.identity());
    }

    /** With every trainer auto builds (inner folds and the final fit) passed through {@code wrap} (tests: a spy). */
    AutoRecommender(Config config, UnaryOperator<Trainer> wrap) {
        this.config = config;
        this.grid = new AutoCandidates(config, wrap);
    }

    @Override
    public String name() {
        return NAME;
    }

    public Config config() {
        return config;
    }

    /** The feature sets tried on {@code history}: the selection's non-score entries, with the score pool as each use. */
    List<Map.Entry<ScoreUse, FieldSpec>> featureSets(TrainingHistory history, FieldSpec features) {
        return grid.featureSets(history, features);
    }

    @Override
    public Recommender train(TrainingHistory history, FieldSpec features) {
        return train(history, features, line -> { });
    }

    @Override
    public Recommender train(TrainingHistory history, FieldSpec features, java.util.function.Consumer<String> progress) {
        TrainingDataException.requireJobs(history);
        List<Map.Entry<ScoreUse, FieldSpec>> sets = featureSets(history, features);
        boolean pooled = AutoCandidates.pooled(sets);
        AutoInnerScores inner = AutoInnerScores.run(history, sets, pooled, grid, config, progress);
        // The table, then the choice in steps: popularity -> the best without scores -> the best with scores.
        List<InnerScore> table = inner.table(config.ensembleFmWeight());
        AutoSelection selection = AutoSelection.choose(inner, table, config.margin());
        int chosen = selection.chosen();
        AutoCandidates.Candidate choice = inner.candidates().get(chosen);
        progress.accept("auto: the final fit of " + table.get(chosen).candidate() + " on all " + history.size() + " jobs");
        Trainer chosenTrainer = grid.trainer(choice);
        Recommender model = chosenTrainer.train(history, choice.features());

        Map<String, String> settings = new LinkedHashMap<>(Provenance.settingsOf(config));
        Set<String> poolColumns = new LinkedHashSet<>();
        for (Map.Entry<ScoreUse, FieldSpec> s : sets) {
            if (pooled) {
                s.getValue().entries().stream().filter(AutoCandidates::isScore).forEach(e -> poolColumns.add(e.column()));
            }
        }
        settings.put("scorePool", poolColumns.isEmpty() ? "none" : String.join(",", poolColumns));
        settings.put("selection", "inner " + inner.scheme() + " CV (" + inner.folds() + " folds, " + inner.groups()
                + " held-out groups), mean per-(fold, dataset) " + config.metric().id() + "; a step up (popularity -> "
                + "no scores -> scores) taken when it wins by more than " + AutoCandidates.num(config.margin())
                + " standard error(s)");
        settings.put("steps", String.join("; ", selection.steps()));
        settings.put("chosen", table.get(chosen).candidate());
        for (InnerScore s : table) {
            settings.put("inner." + s.candidate(), s.describe());
        }
        String prefix = model.provenance().trainer() + ".";
        model.provenance().settings().forEach((k, v) -> settings.put(prefix + k, v));
        Provenance prov = new Provenance(NAME + "(" + model.provenance().trainer() + ")", settings,
                model.provenance().seed(), history.source(), history.sha256(), history.size(),
                model.provenance().features());
        return new Model(prov, model, table.get(chosen).candidate(), table, new ChosenFit(chosenTrainer, choice.features()));
    }

    /**
     * Calibration refits the candidate auto chose on the whole history, with its settings (penalty, score encoding)
     * fixed: the leave-one-dataset-out residuals are then those of the model shipped. Re-running the whole choice on
     * each refit (one dataset fewer) picked worse candidates than the one shipped and made intervals too wide (on the
     * embedded world 80%/90% intervals covered 0.94/0.98). This ignores the variance of the choice itself. A model
     * read from a file does not carry its chosen fit: the whole of auto is re-run then.
     */
    @Override
    public java.util.function.Function<TrainingHistory, Recommender> refit(Recommender fitted, FieldSpec features) {
        if (fitted instanceof Model m && m.refit() != null) {
            ChosenFit f = m.refit();
            return h -> f.trainer().train(h, f.features());
        }
        return Trainer.super.refit(fitted, features);
    }
}
