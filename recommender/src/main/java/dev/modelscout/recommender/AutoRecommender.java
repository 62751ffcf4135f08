package dev.modelscout.recommender;

import dev.modelscout.core.InvalidOptionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

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
     */
    public record Model(Provenance provenance, Recommender chosen, String choice, List<InnerScore> validation)
            implements Recommender {
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
    }

    /** A candidate: a recommender with its penalty, on one feature set. */
    record Candidate(String kind, double lambda, double lambdaV, ScoreUse scores, FieldSpec features, boolean pooled) {
        String label(double fmWeight) {
            String s = switch (kind) {
                case "lr" -> "lr(lambda=" + num(lambda) + ")";
                case "fm" -> "fm(lambdaV=" + num(lambdaV) + ")";
                case "ensemble" -> "ensemble(lambda=" + num(lambda) + ", lambdaV=" + num(lambdaV) + ", fmWeight="
                        + num(fmWeight) + ")";
                default -> Popularity.NAME;
            };
            return pooled && !kind.equals(Popularity.NAME) ? s + " scores:" + scores.id() : s;
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private final Config config;
    private final UnaryOperator<Trainer> wrap;

    public AutoRecommender(Config config) {
        this(config, UnaryOperator.identity());
    }

    /** With every trainer auto builds (inner folds and the final fit) passed through {@code wrap} (tests: a spy). */
    AutoRecommender(Config config, UnaryOperator<Trainer> wrap) {
        this.config = config;
        this.wrap = wrap;
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
        List<FieldSpec.Entry> base = new ArrayList<>();
        Map<String, FieldSpec.Entry> pool = new LinkedHashMap<>();
        for (FieldSpec.Entry e : features.entries()) {
            if (!isScore(e)) {
                base.add(e);
            } else if (history.jobs().stream().anyMatch(j -> !j.cell(e.column()).isEmpty())) {
                pool.putIfAbsent(e.column() + "*" + e.interact(), e);
            }
        }
        List<Map.Entry<ScoreUse, FieldSpec>> sets = new ArrayList<>();
        if (pool.isEmpty() || config.scoreEncodings().isEmpty()) {
            List<FieldSpec.Entry> all = new ArrayList<>(base);
            all.addAll(pool.values());
            sets.add(Map.entry(ScoreUse.OFF, new FieldSpec(all.isEmpty() ? features.entries() : all)));
            return sets;
        }
        if (!base.isEmpty()) {
            sets.add(Map.entry(ScoreUse.OFF, new FieldSpec(base)));
        }
        for (ScoreUse use : config.scoreEncodings()) {
            if (use == ScoreUse.OFF) {
                continue;
            }
            List<FieldSpec.Entry> all = new ArrayList<>(base);
            for (FieldSpec.Entry e : pool.values()) {
                all.add(new FieldSpec.Entry(e.field(), e.column(), e.type(), e.oneHot(), e.log(), use.normalize(),
                        e.interact()));
            }
            sets.add(Map.entry(use, new FieldSpec(all)));
        }
        return sets;
    }

    private static boolean isScore(FieldSpec.Entry e) {
        return e.type() == FieldSpec.Type.SCALAR && HistorySchema.scoreName(e.column()).isPresent();
    }

    private Trainer trainer(Candidate c) {
        Trainer t = switch (c.kind()) {
            case "lr" -> new LinearRegression(config.ridge().withLambda(c.lambda()).withTuneLambda(List.of()));
            case "fm" -> new FactorizationMachine(config.fm().withLambdaV(c.lambdaV()).withTuneLambdaV(List.of()));
            case "ensemble" -> new Ensemble(Ensemble.Config.defaults()
                    .withRidge(config.ridge().withLambda(c.lambda()).withTuneLambda(List.of()))
                    .withFm(config.fm().withLambdaV(c.lambdaV()).withTuneLambdaV(List.of()))
                    .withFmWeight(config.ensembleFmWeight()).withTuneFmWeight(List.of()));
            default -> new Popularity(Popularity.Config.defaults());
        };
        return wrap.apply(t);
    }

    /** One inner fit: fixed candidate {@code candidate} trained on fold {@code fold}'s training jobs. */
    private record Fit(int candidate, int fold) {
    }

    @Override
    public Recommender train(TrainingHistory history, FieldSpec features) {
        TrainingDataException.requireJobs(history);
        List<Map.Entry<ScoreUse, FieldSpec>> sets = featureSets(history, features);
        boolean pooled = sets.size() > 1 || sets.get(0).getKey() != ScoreUse.OFF;
        InnerValidation.Folds folds = InnerValidation.folds(history);
        int nf = folds.held().size();
        List<TrainingHistory> trainOf = new ArrayList<>();
        List<List<Job>> groups = new ArrayList<>(); // held-out (fold, dataset) groups of >= 3 jobs, fold by fold
        int[] firstGroup = new int[nf + 1];
        for (int f = 0; f < nf; f++) {
            int fold = f;
            trainOf.add(history.filter(j -> !folds.heldOut(fold, j)));
            for (List<Job> rows : history.filter(j -> folds.heldOut(fold, j)).byDataset().values()) {
                if (rows.size() >= 3) {
                    groups.add(rows);
                }
            }
            firstGroup[f + 1] = groups.size();
        }
        double[][] truth = groups.stream().map(g -> g.stream().mapToDouble(Job::accuracy).toArray()).toArray(double[][]::new);

        // The fixed candidates (popularity; each ridge lambda and FM lambdaV on each feature set), on every fold.
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate(Popularity.NAME, Double.NaN, Double.NaN, ScoreUse.OFF, sets.get(0).getValue(), pooled));
        for (Map.Entry<ScoreUse, FieldSpec> s : sets) {
            for (double l : config.ridgeLambdas()) {
                candidates.add(new Candidate("lr", l, Double.NaN, s.getKey(), s.getValue(), pooled));
            }
            for (double l : config.fmLambdaVs()) {
                candidates.add(new Candidate("fm", Double.NaN, l, s.getKey(), s.getValue(), pooled));
            }
        }
        int fixedCount = candidates.size();
        List<Fit> fits = new ArrayList<>();
        for (int c = 0; c < fixedCount; c++) {
            for (int f = 0; f < nf; f++) {
                if (trainOf.get(f).size() > 0 && firstGroup[f + 1] > firstGroup[f]) {
                    fits.add(new Fit(c, f));
                }
            }
        }
        List<double[][]> preds = new ArrayList<>();
        for (int c = 0; c < fixedCount; c++) {
            preds.add(new double[groups.size()][]);
        }
        RuntimeException[] failure = new RuntimeException[fits.size()];
        // Each fit writes its own cells only; the result does not depend on how many threads run them.
        IntStream.range(0, fits.size()).parallel().forEach(i -> {
            Fit fit = fits.get(i);
            Candidate c = candidates.get(fit.candidate());
            try {
                Recommender r = trainer(c).train(trainOf.get(fit.fold()), c.features());
                for (int g = firstGroup[fit.fold()]; g < firstGroup[fit.fold() + 1]; g++) {
                    preds.get(fit.candidate())[g] = r.predict(groups.get(g));
                }
            } catch (RuntimeException e) {
                failure[i] = e;
            }
        });
        for (RuntimeException e : failure) {
            if (e != null) {
                throw e; // the first failure in task order, as a sequential run would throw it
            }
        }
        List<double[]> selected = new ArrayList<>();
        for (double[][] p : preds) {
            selected.add(metric(p, truth, config.metric()));
        }
        // Per feature set, the ensemble of its best ridge and its best FM (their inner predictions mixed: no new fits).
        for (Map.Entry<ScoreUse, FieldSpec> s : sets) {
            int lr = bestOf(candidates, selected, fixedCount, "lr", s.getKey());
            int fm = bestOf(candidates, selected, fixedCount, "fm", s.getKey());
            candidates.add(new Candidate("ensemble", candidates.get(lr).lambda(), candidates.get(fm).lambdaV(), s.getKey(),
                    s.getValue(), pooled));
            double w = config.ensembleFmWeight();
            double[][] mix = new double[groups.size()][];
            for (int g = 0; g < groups.size(); g++) {
                double[] a = preds.get(lr)[g];
                double[] b = preds.get(fm)[g];
                mix[g] = a == null || b == null ? null : Ensemble.combine(List.of(a, b), new double[] {1 - w, w});
            }
            preds.add(mix);
            selected.add(metric(mix, truth, config.metric()));
        }

        // The table, then the choice in steps: popularity -> the best without scores -> the best with scores.
        List<InnerScore> table = new ArrayList<>();
        double[] base = selected.get(0);
        for (int c = 0; c < candidates.size(); c++) {
            double[] sel = selected.get(c);
            double[] d = difference(sel, base);
            table.add(new InnerScore(candidates.get(c).label(config.ensembleFmWeight()),
                    mean(metric(preds.get(c), truth, Metric.KENDALL)), mean(metric(preds.get(c), truth, Metric.PEARSON)),
                    mean(sel), finite(sel), c == 0 ? 0 : mean(d), c == 0 ? 0 : standardError(d)));
        }
        int withoutScores = best(candidates, selected, false);
        int withScores = best(candidates, selected, true);
        List<String> steps = new ArrayList<>();
        int step = withoutScores;
        if (withScores >= 0) {
            step = withoutScores < 0 || wins(selected.get(withScores), selected.get(withoutScores), table.get(withScores)
                    .candidate(), table.get(withoutScores).candidate(), steps) ? withScores : withoutScores;
        }
        int chosen = step >= 0 && wins(selected.get(step), base, table.get(step).candidate(), Popularity.NAME, steps)
                ? step : 0;
        if (step < 0) {
            steps.add("no candidate could be scored on a held-out group of >= 3 jobs: kept popularity");
        }
        Candidate choice = candidates.get(chosen);
        Recommender model = trainer(choice).train(history, choice.features());

        Map<String, String> settings = new LinkedHashMap<>(Provenance.settingsOf(config));
        Set<String> poolColumns = new LinkedHashSet<>();
        for (Map.Entry<ScoreUse, FieldSpec> s : sets) {
            if (pooled) {
                s.getValue().entries().stream().filter(AutoRecommender::isScore).forEach(e -> poolColumns.add(e.column()));
            }
        }
        settings.put("scorePool", poolColumns.isEmpty() ? "none" : String.join(",", poolColumns));
        settings.put("selection", "inner " + folds.scheme() + " CV (" + nf + " folds, " + groups.size()
                + " held-out groups), mean per-(fold, dataset) " + config.metric().id() + "; a step up (popularity -> "
                + "no scores -> scores) taken when it wins by more than " + num(config.margin()) + " standard error(s)");
        settings.put("steps", String.join("; ", steps));
        settings.put("chosen", table.get(chosen).candidate());
        for (InnerScore s : table) {
            settings.put("inner." + s.candidate(), s.describe());
        }
        String prefix = model.provenance().trainer() + ".";
        model.provenance().settings().forEach((k, v) -> settings.put(prefix + k, v));
        Provenance prov = new Provenance(NAME + "(" + model.provenance().trainer() + ")", settings,
                model.provenance().seed(), history.source(), history.sha256(), history.size(),
                model.provenance().features());
        return new Model(prov, model, table.get(chosen).candidate(), table);
    }

    /** The non-baseline candidate with the best mean selection metric among those with (or without) scores; -1: none. */
    private static int best(List<Candidate> candidates, List<double[]> selected, boolean withScores) {
        int best = -1;
        for (int c = 1; c < candidates.size(); c++) {
            boolean scores = candidates.get(c).scores() != ScoreUse.OFF;
            if (scores == withScores && finite(selected.get(c)) > 0
                    && (best < 0 || rankable(selected.get(c)) > rankable(selected.get(best)))) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Whether {@code upper} beats {@code lower} by more than the margin in standard errors of the paired per-group
     * difference (or {@code lower} cannot be scored on any group {@code upper} is); notes the step.
     */
    private boolean wins(double[] upper, double[] lower, String upperName, String lowerName, List<String> steps) {
        double[] d = difference(upper, lower);
        boolean win = finite(d) == 0 ? finite(upper) > 0 : mean(d) > config.margin() * standardError(d);
        steps.add(String.format(Locale.ROOT, "%s vs %s: %+.4f+-%.4f, %s", upperName, lowerName, mean(d),
                standardError(d), win ? "taken" : "kept " + lowerName));
        return win;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int g = 0; g < d.length; g++) {
            d[g] = a[g] - b[g];
        }
        return d;
    }

    /** The fixed candidate of {@code kind} on feature set {@code use} with the best mean selection metric (first wins). */
    private static int bestOf(List<Candidate> candidates, List<double[]> selected, int fixedCount, String kind, ScoreUse use) {
        int best = -1;
        for (int c = 0; c < fixedCount; c++) {
            Candidate x = candidates.get(c);
            if (x.kind().equals(kind) && x.scores() == use
                    && (best < 0 || rankable(selected.get(c)) > rankable(selected.get(best)))) {
                best = c;
            }
        }
        return best;
    }

    /** The metric of each group's predictions (NaN where a group has none or the metric is undefined). */
    private static double[] metric(double[][] preds, double[][] truth, Metric m) {
        double[] out = new double[truth.length];
        for (int g = 0; g < truth.length; g++) {
            out[g] = preds[g] == null ? Double.NaN : m.of(preds[g], truth[g]);
        }
        return out;
    }

    private static int finite(double[] v) {
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                n++;
            }
        }
        return n;
    }

    /** Mean of the finite values (NaN when none). */
    private static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The mean of the finite values, -infinity when none (so that an unscored candidate never wins). */
    private static double rankable(double[] v) {
        double m = mean(v);
        return Double.isNaN(m) ? Double.NEGATIVE_INFINITY : m;
    }

    /** Standard error of the mean of the finite values (0 with fewer than 2). */
    private static double standardError(double[] v) {
        double m = mean(v);
        int n = finite(v);
        if (n < 2) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - m) * (x - m);
            }
        }
        return Math.sqrt(ss / (n - 1) / n);
    }
}
