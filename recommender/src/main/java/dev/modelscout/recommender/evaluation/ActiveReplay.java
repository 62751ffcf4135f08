package dev.modelscout.recommender.evaluation;

import dev.modelscout.recommender.AutoRecommender;
import dev.modelscout.recommender.Calibration;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LearningCurves;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.recommender.evaluation.ActiveResult.ActiveDataset;
import dev.modelscout.recommender.evaluation.ActiveResult.Coverage;
import dev.modelscout.recommender.evaluation.ActiveResult.OrderScore;
import dev.modelscout.recommender.evaluation.ActiveResult.OrderSummary;
import dev.modelscout.recommender.evaluation.ActiveResult.StopSummary;
import dev.modelscout.recommender.guided.GuidedSearch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * {@code --protocol active}: leave one dataset out, and replay the guided loop ({@link GuidedSearch}) on it with
 * its known accuracies as the fine-tuning oracle, every other dataset as history: the recommender is trained on
 * the other datasets, its leave-one-dataset-out residuals on them (one more fit per other dataset) calibrate its
 * intervals and its {@link dev.modelscout.recommender.guided.ResidualField} (for {@code auto}: the intervals on
 * refits of the candidate it chose, one more fit per other dataset, the field on re-runs of its choice); the loop then fine-tunes one
 * backbone per round. Beside it, on the same folds, the static orders: the recommender's own ranking (no
 * update), popularity, each score column the held-out dataset has, largest first (params_m, else gmacs), and
 * random order (repeated, with its spread). Cost: D^2 fits for D datasets.
 *
 * <p>With {@code curves} (the validation accuracy after every epoch of each job's seeds), the same orders and the
 * multi-fidelity ones (one epoch, then the best k; successive halving) are also replayed charged in
 * backbone-epochs, on each seed's runs ({@link FidelityReplay}).
 *
 * @param testDatasets  the datasets held out in turn (empty: every dataset; with train datasets: every other)
 * @param trainDatasets the datasets learned from (empty: every dataset but the held-out one); naming them, with the
 *                      test datasets from another history in the same file, measures the loop across histories
 * @param topK         k of the top-k hit rate of the recommender's static ranking
 * @param seed         seed of the random orders
 * @param search        the loop's settings
 * @param randomOrders repeats of the random order
 * @param curves       learning curves of the history's jobs, or null (no multi-fidelity replay)
 */
public record ActiveReplay(List<String> testDatasets, List<String> trainDatasets, int topK, long seed,
                           GuidedSearch.Config search, int randomOrders, LearningCurves curves)
        implements Protocol {

    /** The k of "regret after k fine-tunes". */
    public static final List<Integer> KS = List.of(1, 2, 3, 5, 10);

    static final String GUIDED = "guided";
    static final String STATIC = "recommender";
    static final String RANDOM = "random";

    public ActiveReplay {
        testDatasets = List.copyOf(testDatasets);
        trainDatasets = List.copyOf(trainDatasets);
    }

    static ActiveReplay of(Options o) {
        return new ActiveReplay(o.testDatasets(), o.trainDatasets(), o.topK(), o.seed(), GuidedSearch.Config.defaults(),
                20, null);
    }

    /** This replay, also on {@code c}'s learning curves (null: none). */
    public ActiveReplay withCurves(LearningCurves c) {
        return new ActiveReplay(testDatasets, trainDatasets, topK, seed, search, randomOrders, c);
    }

    @Override
    public Kind kind() {
        return Kind.ACTIVE;
    }

    @Override
    public void check(TrainingHistory history) {
        OptionRules.requireDatasetsOf(history, "--test-datasets", testDatasets);
        OptionRules.requireDatasetsOf(history, "--train-datasets", trainDatasets);
        for (String d : testDatasets) {
            if (trainDatasets.contains(d)) {
                throw OptionRules.invalid("--test-datasets", d, "is also in --train-datasets", "disjoint lists");
            }
        }
        if (!trainDatasets.isEmpty() && trainDatasets.size() < 2) {
            throw OptionRules.invalid("--train-datasets", String.join(",", trainDatasets), "one dataset",
                    "2 or more datasets (one held out in turn to calibrate on the others)");
        }
        if (history.datasets().size() < 3) {
            throw OptionRules.invalid("--protocol", "active", "the history has " + history.datasets().size()
                    + " dataset(s)", "a history of 3 or more datasets (one held out, two or more to calibrate on)");
        }
    }

    @Override
    public Outcome evaluate(TrainingHistory history, FitTimer fits) {
        check(history);
        List<DatasetScore> scores = new ArrayList<>();
        List<ActiveDataset> per = new ArrayList<>();
        List<List<List<OrderScore>>> randomRuns = new ArrayList<>();
        List<Double> stopLevels = new ArrayList<>();
        List<String> tests = !testDatasets.isEmpty() || trainDatasets.isEmpty() ? Folds.tests(history, testDatasets)
                : history.datasets().stream().filter(x -> !trainDatasets.contains(x)).toList();
        int largest = tests.stream().mapToInt(d -> Folds.jobsOf(history, d).size()).max().orElse(0);
        List<Integer> budgets = curves == null ? List.of() : FidelityReplay.budgets(curves.epochs(), largest);
        List<FidelityReplay.Run> fidelityRuns = new ArrayList<>();
        List<Integer> fidelitySeeds = new ArrayList<>();
        List<String> fidelityDatasets = new ArrayList<>();
        List<FidelityResult.Skipped> skipped = new ArrayList<>();
        for (String d : tests) {
            TrainingHistory train = trainDatasets.isEmpty() ? history.withJobs(Folds.allBut(history, d))
                    : history.filter(j -> trainDatasets.contains(j.dataset()));
            List<Job> rows = Folds.jobsOf(history, d);
            Recommender r = fits.train(train);
            double[] prior = r.predict(rows);
            scores.add(DatasetScore.of(d, null, rows, prior, topK));
            LodoResiduals residuals = LodoResiduals.of(train, fits::train);
            // The intervals: auto's are calibrated on refits of the candidate it chose (Trainer#refit), not on re-runs
            // of its choice; every other trainer's on the same refits as the loop's residual field.
            LodoResiduals calibration = r instanceof AutoRecommender.Model a && a.refit() != null
                    ? LodoResiduals.of(train, fits.refit(r)) : residuals;
            java.util.Set<String> known = r.knownModels();
            boolean[] unseen = new boolean[rows.size()];
            for (int i = 0; i < unseen.length; i++) {
                unseen[i] = !known.isEmpty() && !known.contains(rows.get(i).model());
            }
            Fold f = fold(d, rows, prior, unseen, train, residuals, calibration);
            per.add(f.scores());
            randomRuns.add(f.random());
            if (curves != null) {
                List<String> why = new ArrayList<>();
                Map<String, Map<Integer, double[]>> runs = curves.epochs() < 2 ? null
                        : curves.complete(d, rows.stream().map(Job::model).toList(), why);
                if (runs == null) {
                    skipped.add(new FidelityResult.Skipped(d, curves.epochs() < 2
                            ? "curves of one epoch (nothing to stop early)" : why.get(0)));
                } else {
                    Map<String, Double> truth = new LinkedHashMap<>();
                    rows.forEach(j -> truth.put(j.model(), j.accuracy()));
                    List<FidelityReplay.Run> rs = FidelityReplay.replay(runs, truth, f.models(), f.statics(),
                            f.search(), curves.epochs(), search.eps(), seed ^ d.hashCode(), randomOrders, budgets);
                    List<Integer> seeds = new ArrayList<>(runs.values().iterator().next().keySet());
                    seeds.sort(null);
                    int perSeed = rs.size() / seeds.size();
                    for (int i = 0; i < rs.size(); i++) {
                        fidelitySeeds.add(seeds.get(i / perSeed));
                    }
                    fidelityRuns.addAll(rs);
                    fidelityDatasets.add(d);
                }
            }
            stopLevels.add(f.stopLevel());
        }
        FidelityResult fidelity = curves == null ? null : new FidelityResult(curves.source(), curves.epochs(),
                fidelityRuns.isEmpty() ? 0 : (int) fidelitySeeds.stream().distinct().count(), fidelityDatasets, skipped,
                budgets, FidelityReplay.summarise(fidelityRuns, fidelitySeeds, budgets.size()));
        return new Outcome(DatasetScore.mean(scores), DatasetScore.std(scores), scores, null,
                summarise(per, randomRuns, stopLevels, fidelity));
    }

    /**
     * One held-out dataset's scores, the stop level its loop used, and what the learning-curve replay reuses: its
     * search and static orders.
     */
    private record Fold(ActiveDataset scores, List<List<OrderScore>> random, List<String> models,
                        Map<String, double[]> statics, GuidedSearch search, double stopLevel) {
    }

    private Fold fold(String d, List<Job> rows, double[] prior, boolean[] unseen, TrainingHistory train,
                      LodoResiduals residuals, LodoResiduals calibrationResiduals) {
        double[] truth = rows.stream().mapToDouble(Job::accuracy).toArray();
        List<String> models = rows.stream().map(Job::model).toList();
        Calibration cal = Calibration.of(calibrationResiduals);
        Coverage coverage = coverage(cal, prior, truth, unseen);

        GuidedSearch search = GuidedSearch.of(train, rows, prior, residuals, this.search);
        Map<String, Double> observed = new LinkedHashMap<>();
        Map<String, Double> byModel = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byModel.put(models.get(i), truth[i]);
        }
        double max = max(truth);
        int stopTunes = -1;
        double stopRegret = Double.NaN;
        List<Double> guidedOrder = new ArrayList<>();
        int needed = Math.min(rows.size(), KS.get(KS.size() - 1));
        while (observed.size() < rows.size()) {
            GuidedSearch.Round round = search.round(observed);
            if (round.stop() && stopTunes < 0) {
                stopTunes = observed.size();
                stopRegret = max - round.bestAccuracy();
            }
            boolean found = guidedOrder.stream().anyMatch(y -> y >= max);
            if (found && stopTunes >= 0 && observed.size() >= needed) {
                break;
            }
            String next = round.next(1).get(0);
            observed.put(next, byModel.get(next));
            guidedOrder.add(byModel.get(next));
        }
        if (stopTunes < 0) {
            stopTunes = observed.size();
            stopRegret = 0;
        }
        List<OrderScore> orders = new ArrayList<>();
        orders.add(score(GUIDED, guidedOrder, max, rows.size()));
        Map<String, double[]> statics = new LinkedHashMap<>();
        statics.put(STATIC, prior);
        Recommender pop = new Popularity(Popularity.Config.defaults()).train(train, FieldSpec.defaults());
        statics.put(Popularity.NAME, pop.predict(rows));
        for (String col : HistorySchema.SCORE_COLUMNS) {
            double[] v = column(rows, col);
            if (v != null) {
                statics.put(col, v);
            }
        }
        double[] size = column(rows, HistorySchema.PARAMS_M);
        size = size != null ? size : column(rows, HistorySchema.GMACS);
        if (size != null) {
            statics.put("largest", size);
        }
        statics.forEach((name, key) -> orders.add(score(name, ordered(truth, key), max, rows.size())));
        List<List<OrderScore>> random = new ArrayList<>();
        Random rnd = new Random(seed ^ d.hashCode());
        for (int rep = 0; rep < randomOrders; rep++) {
            List<Double> shuffled = new ArrayList<>();
            for (double t : truth) {
                shuffled.add(t);
            }
            Collections.shuffle(shuffled, rnd);
            random.add(List.of(score(RANDOM, shuffled, max, rows.size())));
        }
        orders.add(mean(RANDOM, random.stream().map(l -> l.get(0)).toList()));
        return new Fold(new ActiveDataset(d, rows.size(), coverage, stopTunes, stopRegret, orders), random, models,
                statics, search, search.config().stopLevel());
    }

    /** The values of {@code column} on the rows, missing ones below every known one; null when fewer than half are known. */
    private static double[] column(List<Job> rows, String column) {
        double[] v = new double[rows.size()];
        int known = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i).number(column);
            if (!Double.isNaN(v[i])) {
                known++;
                min = Math.min(min, v[i]);
            }
        }
        if (known * 2 < v.length || known == 0) {
            return null;
        }
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = min - 1;
            }
        }
        return v;
    }

    /** The accuracies in the order of {@code key}, highest first (ties: first row first). */
    static List<Double> ordered(double[] truth, double[] key) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> -key[i]));
        return idx.stream().map(i -> truth[i]).toList();
    }

    /** The scores of trying accuracies in {@code order} (a prefix that reaches the best is enough). */
    OrderScore score(String name, List<Double> order, double max, int models) {
        List<Double> regret = new ArrayList<>();
        for (int k : KS) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < Math.min(k, order.size()); i++) {
                best = Math.max(best, order.get(i));
            }
            regret.add(max - best);
        }
        return new OrderScore(name, regret, position(order, max) / (double) models,
                position(order, max - search.eps()) / (double) models);
    }

    private static int position(List<Double> order, double atLeast) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) >= atLeast - 1e-12) {
                return i + 1;
            }
        }
        return order.size();
    }

    private static OrderScore mean(String name, List<OrderScore> s) {
        List<Double> regret = new ArrayList<>();
        for (int k = 0; k < KS.size(); k++) {
            final int kk = k;
            regret.add(s.stream().mapToDouble(o -> o.regret().get(kk)).average().orElse(Double.NaN));
        }
        return new OrderScore(name, regret, s.stream().mapToDouble(OrderScore::fractionBest).average().orElse(Double.NaN),
                s.stream().mapToDouble(OrderScore::fractionWithin).average().orElse(Double.NaN));
    }

    /** Coverage of the intervals as {@code recommend} shows them: widened for models the recommender never learned. */
    private static Coverage coverage(Calibration cal, double[] prior, double[] truth, boolean[] unseen) {
        if (cal == null) {
            return new Coverage(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] c = new double[2];
        double[] w = new double[2];
        double[] levels = {0.8, 0.9};
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < prior.length; i++) {
                Calibration.Interval in = cal.interval(prior[i], levels[l], unseen[i]);
                c[l] += in.covers(truth[i]) ? 1 : 0;
                w[l] += in.width();
            }
            c[l] /= prior.length;
            w[l] /= prior.length;
        }
        return new Coverage(c[0], c[1], w[0], w[1], Double.NaN, Double.NaN);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private ActiveResult summarise(List<ActiveDataset> per, List<List<List<OrderScore>>> randomRuns,
                                   List<Double> stopLevels, FidelityResult fidelity) {
        List<String> names = per.get(0).orders().stream().map(OrderScore::order).toList();
        List<String> all = new ArrayList<>(names);
        per.forEach(p -> p.orders().forEach(o -> {
            if (!all.contains(o.order())) {
                all.add(o.order());
            }
        }));
        List<OrderSummary> orders = new ArrayList<>();
        for (String name : all) {
            List<OrderScore> s = new ArrayList<>();
            per.forEach(p -> p.orders().stream().filter(o -> o.order().equals(name)).forEach(s::add));
            List<List<OrderScore>> spreadOver;
            if (name.equals(RANDOM)) {
                // one entry per repeat: that repeat's scores on every dataset
                spreadOver = new ArrayList<>();
                for (int rep = 0; rep < randomOrders; rep++) {
                    final int rr = rep;
                    spreadOver.add(randomRuns.stream().map(runs -> runs.get(rr).get(0)).toList());
                }
            } else {
                spreadOver = s.stream().map(List::of).toList();
            }
            List<Double> regret = new ArrayList<>();
            List<Double> regretStd = new ArrayList<>();
            for (int k = 0; k < KS.size(); k++) {
                final int kk = k;
                regret.add(meanOf(s, o -> o.regret().get(kk)));
                regretStd.add(std(spreadOver.stream().mapToDouble(l -> meanOf(l, o -> o.regret().get(kk))).toArray()));
            }
            double fb = meanOf(s, OrderScore::fractionBest);
            double fw = meanOf(s, OrderScore::fractionWithin);
            double tunes = 0;
            for (int i = 0; i < s.size(); i++) {
                tunes += s.get(i).fractionWithin() * per.get(i).models();
            }
            orders.add(new OrderSummary(name, regret, regretStd, fb,
                    std(spreadOver.stream().mapToDouble(l -> meanOf(l, OrderScore::fractionBest)).toArray()), fw,
                    std(spreadOver.stream().mapToDouble(l -> meanOf(l, OrderScore::fractionWithin)).toArray()),
                    s.isEmpty() ? Double.NaN : tunes / s.size()));
        }
        double[] c80 = per.stream().mapToDouble(p -> p.intervals().coverage80()).toArray();
        double[] c90 = per.stream().mapToDouble(p -> p.intervals().coverage90()).toArray();
        Coverage coverage = new Coverage(Summary.nanMean(c80), Summary.nanMean(c90),
                Summary.nanMean(per.stream().mapToDouble(p -> p.intervals().width80()).toArray()),
                Summary.nanMean(per.stream().mapToDouble(p -> p.intervals().width90()).toArray()),
                Summary.nanStd(c80), Summary.nanStd(c90));
        double[] tunes = per.stream().mapToDouble(ActiveDataset::stopTunes).toArray();
        double[] regrets = per.stream().mapToDouble(ActiveDataset::stopRegret).toArray();
        double within = per.stream().filter(p -> p.stopRegret() <= search.eps() + 1e-12).count() / (double) per.size();
        OrderSummary bestStatic = orders.stream()
                .filter(o -> !o.order().equals(GUIDED) && per.stream().allMatch(
                        p -> p.orders().stream().anyMatch(x -> x.order().equals(o.order()))))
                .min(Comparator.comparingDouble(OrderSummary::tunesWithin)).orElse(null);
        StopSummary stop = new StopSummary(Summary.nanMean(tunes), Summary.nanStd(tunes), Summary.nanMean(regrets),
                Summary.nanStd(regrets), within, bestStatic == null ? null : bestStatic.order(),
                bestStatic == null ? Double.NaN : bestStatic.tunesWithin());
        // the stop level is chosen per held-out dataset (PriorChoice): their mean
        return new ActiveResult(KS, search.eps(), stopLevels.stream().mapToDouble(Double::doubleValue).average()
                .orElse(search.stopLevel()), orders, coverage, stop, per, fidelity);
    }

    private static double meanOf(List<OrderScore> s, ToDoubleFunction<OrderScore> f) {
        return s.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double std(double[] v) {
        return Summary.nanStd(v);
    }
}
