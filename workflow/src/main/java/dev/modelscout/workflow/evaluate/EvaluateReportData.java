package dev.modelscout.workflow.evaluate;

import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.recommender.evaluation.CurvePoint;
import dev.modelscout.recommender.evaluation.DatasetScore;
import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Result;
import dev.modelscout.recommender.evaluation.Timing;
import dev.modelscout.recommender.evaluation.ActiveResult;
import dev.modelscout.recommender.evaluation.FidelityResult;
import dev.modelscout.report.ActiveReport;
import dev.modelscout.report.EvaluationReport;
import dev.modelscout.workflow.BuildInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Gathers what {@code evaluate} has (the recommender's result, the popularity baseline's result on the same
 * splits, the history and the settings) into the plain {@link EvaluationReport} the report module renders.
 */
public final class EvaluateReportData {

    private EvaluateReportData() {
    }

    /** The report of {@code run}: its results, the baseline's, the paired difference and what auto chose. */
    public static EvaluationReport of(EvaluateRun run, TrainingHistory history, Options options) {
        return of(run.result(), run.baseline(), history, options,
                run.choices().stream().map(c -> new EvaluationReport.AutoChoice(c.heldOut(), c.choice())).toList());
    }

    /**
     * @param result   the recommender's evaluation
     * @param baseline the popularity baseline's on the same splits, or null when not evaluated
     * @param choices  what an auto recommender chose per fit (empty for another recommender)
     */
    public static EvaluationReport of(Result result, Result baseline, TrainingHistory history, Options options,
            List<EvaluationReport.AutoChoice> choices) {
        List<EvaluationReport.Summary> summaries = new ArrayList<>();
        List<EvaluationReport.DatasetMetrics> perDataset = new ArrayList<>();
        List<EvaluationReport.CurvePoint> curve = new ArrayList<>();
        for (Result r : baseline == null ? List.of(result) : List.of(result, baseline)) {
            summaries.add(new EvaluationReport.Summary(r.recommender(), r != result, r.metrics().asMap(), r.std().asMap()));
            for (DatasetScore d : r.perDataset()) {
                perDataset.add(new EvaluationReport.DatasetMetrics(r.recommender(), d.dataset(), d.split(), d.n(),
                        d.pearson(), d.kendall(), d.regret()));
            }
            if (r.curve() != null) {
                for (CurvePoint c : r.curve()) {
                    curve.add(new EvaluationReport.CurvePoint(r.recommender(), c.fraction(), c.trainRows(),
                            c.metrics().pearson(), c.metrics().kendall(), c.metrics().regret()));
                }
            }
        }
        List<EvaluationReport.PairedDifference> differences = new ArrayList<>();
        if (baseline != null) {
            List<ToDoubleFunction<EvaluationReport.DatasetMetrics>> metrics = List.of(
                    EvaluationReport.DatasetMetrics::pearson, EvaluationReport.DatasetMetrics::kendall,
                    EvaluationReport.DatasetMetrics::regret);
            List<String> names = List.of("pearson", "kendall", "regret");
            for (int i = 0; i < names.size(); i++) {
                differences.add(PairedDifferences.of(names.get(i), perDataset, metrics.get(i),
                        EvaluationReport.DatasetMetrics::recommender, EvaluationReport.DatasetMetrics::dataset,
                        result.recommender(), baseline.recommender()));
            }
        }
        Timing t = result.timing();
        String timing = String.format(Locale.ROOT, "%d fits, %.3f s training (%.3f s per fit), %.3f s in all", t.fits(),
                t.trainSeconds(), t.meanTrainSeconds(), t.totalSeconds());
        return new EvaluationReport(result.protocol(), result.k(), summaries, perDataset, curve, coverage(history),
                new EvaluationReport.History(history.source(), history.sha256(), history.size(), result.features()),
                settings(options), timing, BuildInfo.version(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), differences, choices);
    }

    /**
     * The regret curves of {@code result} for the page of {@code --protocol active}: each order's mean regret after
     * k fine-tunes and, with learning curves, after each budget of backbone-epochs; null for another protocol.
     */
    public static ActiveReport active(Result result) {
        ActiveResult a = result.active();
        if (a == null) {
            return null;
        }
        List<ActiveReport.Point> byTunes = new ArrayList<>();
        for (ActiveResult.OrderSummary o : a.orders()) {
            for (int i = 0; i < a.ks().size(); i++) {
                byTunes.add(new ActiveReport.Point(o.order(), FidelityResult.FULL, a.ks().get(i), o.regret().get(i),
                        o.regretStd().get(i)));
            }
        }
        List<ActiveReport.Point> byBudget = new ArrayList<>();
        FidelityResult f = a.fidelity();
        if (f != null) {
            for (FidelityResult.Order o : f.orders()) {
                for (int i = 0; i < f.budgets().size(); i++) {
                    byBudget.add(new ActiveReport.Point(o.order(), o.kind(), f.budgets().get(i), o.regret().get(i),
                            o.regretStd().get(i)));
                }
            }
        }
        return new ActiveReport(a.eps(), byTunes, byBudget, f == null ? 0 : f.epochs(), f == null ? null : f.curves());
    }

    /**
     * The history's datasets (sorted) x models (those fine-tuned on the most datasets first, then by name) and,
     * per pair with jobs, their count and mean accuracy.
     */
    public static EvaluationReport.Coverage coverage(TrainingHistory history) {
        Map<String, Map<String, double[]>> pairs = new TreeMap<>();
        for (Job j : history.jobs()) {
            double[] s = pairs.computeIfAbsent(j.dataset(), d -> new TreeMap<>()).computeIfAbsent(j.model(), m -> new double[2]);
            s[0] += j.accuracy();
            s[1]++;
        }
        Map<String, Integer> datasetsPerModel = new HashMap<>();
        List<EvaluationReport.Cell> cells = new ArrayList<>();
        pairs.forEach((d, models) -> models.forEach((m, s) -> {
            datasetsPerModel.merge(m, 1, Integer::sum);
            cells.add(new EvaluationReport.Cell(d, m, (int) s[1], s[0] / s[1]));
        }));
        List<String> models = new TreeSet<>(datasetsPerModel.keySet()).stream()
                .sorted(Comparator.comparing((String m) -> -datasetsPerModel.get(m)).thenComparing(m -> m))
                .collect(Collectors.toList());
        return new EvaluationReport.Coverage(new ArrayList<>(pairs.keySet()), models, cells);
    }

    /** The settings the chosen protocol uses, named as evaluate's options. */
    public static Map<String, String> settings(Options o) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("--test-datasets", o.testDatasets().isEmpty() ? "all" : String.join(", ", o.testDatasets()));
        switch (o.protocol()) {
            case UNSEEN_MODELS -> {
                s.put("--splits", Integer.toString(o.splits()));
                s.put("--test-fraction", Double.toString(o.testFraction()));
            }
            case TRAIN_TEST -> s.put("--train-datasets",
                    o.trainDatasets().isEmpty() ? "all not tested" : String.join(", ", o.trainDatasets()));
            case LEARNING_CURVE -> {
                s.put("--fractions", o.fractions().stream().map(Object::toString).collect(Collectors.joining(", ")));
                s.put("--repeats", Integer.toString(o.repeats()));
            }
            default -> { }
        }
        s.put("--split-seed", Long.toString(o.seed()));
        s.put("--top-k", Integer.toString(o.topK()));
        return s;
    }
}
