package dev.modelscout.recommender;

import static dev.modelscout.recommender.GroupStatistics.difference;
import static dev.modelscout.recommender.GroupStatistics.finite;
import static dev.modelscout.recommender.GroupStatistics.mean;
import static dev.modelscout.recommender.GroupStatistics.metric;
import static dev.modelscout.recommender.GroupStatistics.rankable;
import static dev.modelscout.recommender.GroupStatistics.standardError;

import dev.modelscout.recommender.AutoCandidates.Candidate;
import dev.modelscout.recommender.AutoRecommender.Config;
import dev.modelscout.recommender.AutoRecommender.InnerScore;
import dev.modelscout.recommender.AutoRecommender.Metric;
import dev.modelscout.recommender.AutoRecommender.ScoreUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code auto}'s inner cross-validation: every candidate's predictions on each held-out (fold, dataset) group of at
 * least 3 jobs ({@link InnerValidation#folds}'s folds), and its selection metric per group. The fixed candidates
 * are fitted on every fold (in parallel; each fit writes its own cells, so the result does not depend on the
 * number of threads); then per feature set the ensemble of its best ridge and its best FM is scored by mixing their
 * inner predictions, with no new fits.
 *
 * @param candidates  every candidate, popularity first, the ensembles last
 * @param predictions per candidate, its predictions for each group (null where it has none)
 * @param selected    per candidate, the selection metric on each group (NaN where undefined)
 * @param truth       the true accuracies of each group
 * @param scheme      how the folds were drawn
 * @param folds       the number of folds
 */
record AutoInnerScores(List<Candidate> candidates, List<double[][]> predictions, List<double[]> selected,
                       double[][] truth, String scheme, int folds) {

    /** One inner fit: fixed candidate {@code candidate} trained on fold {@code fold}'s training jobs. */
    private record Fit(int candidate, int fold) {
    }

    /** Scores the candidates of {@code grid} on the feature sets {@code sets} by inner cross-validation. */
    static AutoInnerScores run(TrainingHistory history, List<Map.Entry<ScoreUse, FieldSpec>> sets, boolean pooled,
                               AutoCandidates grid, Config config, java.util.function.Consumer<String> progress) {
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
        List<Candidate> candidates = grid.fixed(sets, pooled);
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
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        progress.accept("auto: " + fits.size() + " inner fits (" + fixedCount + " candidates x " + nf + " folds, "
                + groups.size() + " held-out groups)");
        // Each fit writes its own cells only; the result does not depend on how many threads run them.
        IntStream.range(0, fits.size()).parallel().forEach(i -> {
            Fit fit = fits.get(i);
            Candidate c = candidates.get(fit.candidate());
            try {
                Recommender r = grid.trainer(c).train(trainOf.get(fit.fold()), c.features());
                for (int g = firstGroup[fit.fold()]; g < firstGroup[fit.fold() + 1]; g++) {
                    preds.get(fit.candidate())[g] = r.predict(groups.get(g));
                }
                progress.accept("auto: inner fit " + done.incrementAndGet() + " of " + fits.size() + " done");
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
        return new AutoInnerScores(candidates, preds, selected, truth, folds.scheme(), nf);
    }

    /** The number of held-out groups the candidates are scored on. */
    int groups() {
        return truth.length;
    }

    /** Every candidate's inner score, in the order tried, compared with popularity (the first). */
    List<InnerScore> table(double fmWeight) {
        List<InnerScore> table = new ArrayList<>();
        double[] base = selected.get(0);
        for (int c = 0; c < candidates.size(); c++) {
            double[] sel = selected.get(c);
            double[] d = difference(sel, base);
            table.add(new InnerScore(candidates.get(c).label(fmWeight),
                    mean(metric(predictions.get(c), truth, Metric.KENDALL)), mean(metric(predictions.get(c), truth, Metric.PEARSON)),
                    mean(sel), finite(sel), c == 0 ? 0 : mean(d), c == 0 ? 0 : standardError(d)));
        }
        return table;
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
}
