package dev.modelscout.recommender.guided;

import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loop takes from the history beside the recommender, chosen by replaying the loop on each of the
 * history's datasets in turn (its leave-one-dataset-out predictions as prior, the residual field learned from the
 * other datasets' residuals, the dataset's known accuracies as the fine-tuning oracle):
 *
 * <ul>
 *   <li><b>The prior</b>, hedged between the recommender and popularity (a backbone's mean accuracy over the
 *   history's datasets): w x recommender + (1 - w) x popularity, its residual field learned from the same blend's
 *   leave-one-dataset-out residuals, for the w in {1, 1/2, 0} whose replayed loop had the lowest mean regret over the
 *   first {@link #ROUNDS} fine-tunes (ties: the higher recommender weight). On a small history of close backbones
 *   popularity's first pick can be the better one; on a larger one the recommender knows more: which holds is
 *   measured on the history, not assumed.</li>
 *   <li><b>The stop level</b>: the boldest of {@link #STOP_LEVELS} whose replayed loop stopped with a mean regret of
 *   at most eps / 2. The posterior's probabilities are only as good as its calibration; this asks the history how
 *   bold the stop test may be for the regret it is meant to keep (the half: the target may be less like the
 *   history's datasets than they are like each other).</li>
 * </ul>
 *
 * <p>Only where the history knows every candidate: with a backbone it never saw (another zoo), the recommender alone
 * and the config's stop level, since the evidence is about the history's backbones (popularity knows nothing of a
 * new one, and how bold the stop test may be on another zoo the history cannot say).
 *
 * <p>Cost: one replay per weight of {@link #ROUNDS} rounds and one to the stop per dataset; no refit of the
 * recommender (popularity's residuals are a mean per model and dataset).
 *
 * @param weight     the recommender's weight chosen
 * @param prior      the blended prior of every candidate, in candidate order
 * @param residuals  the blend's leave-one-dataset-out residuals
 * @param regret     evidence for the weight: mean regret over the first ROUNDS fine-tunes of the replayed loop, per
 *                   weight of {@link #WEIGHTS} (NaN where not measured)
 * @param stopLevel  the stop level chosen
 * @param stopRegret evidence for the level: the replayed loop's mean regret at stop, per level of
 *                   {@link #STOP_LEVELS} (NaN where not measured)
 */
public record PriorChoice(double weight, double[] prior, LodoResiduals residuals, double[] regret, double stopLevel,
                          double[] stopRegret) {

    /** The recommender weights tried, the recommender alone first. */
    public static final double[] WEIGHTS = {1, 0.5, 0};

    /** Fine-tunes whose regret the evidence for the weight averages. */
    public static final int ROUNDS = 5;

    /** The stop levels tried, most cautious first. */
    public static final double[] STOP_LEVELS = {0.05, 0.1, 0.2, 0.3, 0.5};

    public PriorChoice {
        prior = prior.clone();
        regret = regret.clone();
        stopRegret = stopRegret.clone();
    }

    /**
     * Chooses the prior and the stop level for {@code candidates} (one target's rows).
     *
     * @param train                the history without the target (what the recommender learned from)
     * @param recommenderPrior     the recommender's prediction of each candidate
     * @param recommenderResiduals its leave-one-dataset-out residuals on {@code train}
     * @param config               the loop's settings (eps, the field's)
     */
    public static PriorChoice of(TrainingHistory train, List<Job> candidates, double[] recommenderPrior,
                                 LodoResiduals recommenderResiduals, GuidedSearch.Config config) {
        if (recommenderResiduals.isEmpty() || train.datasets().size() < 3) {
            return new PriorChoice(1, recommenderPrior, recommenderResiduals, nan(WEIGHTS.length),
                    config.stopLevel(), nan(STOP_LEVELS.length));
        }
        Popularity pop = new Popularity(Popularity.Config.defaults());
        Recommender popularity = pop.train(train, FieldSpec.defaults());
        if (!candidates.stream().allMatch(j -> popularity.knownModels().contains(j.model()))) {
            // the evidence is about the history's backbones; of a new one popularity knows nothing, and how bold the
            // stop may be on another zoo the history cannot say (Model Spider -> TransferGraph: 0.5, regret 0.13)
            return new PriorChoice(1, recommenderPrior, recommenderResiduals, nan(WEIGHTS.length),
                    config.stopLevel(), nan(STOP_LEVELS.length));
        }
        double[] popPrior = popularity.predict(candidates);
        List<LodoResiduals.Residual> rec = recommenderResiduals.residuals();
        List<LodoResiduals.Residual> pr = LodoResiduals.of(train, h -> pop.train(h, FieldSpec.defaults())).residuals();
        if (rec.size() != pr.size()) {
            throw new IllegalStateException("residuals of the recommender (" + rec.size() + ") and popularity ("
                    + pr.size() + ") differ in number");
        }
        for (int i = 0; i < rec.size(); i++) {
            if (!rec.get(i).dataset().equals(pr.get(i).dataset()) || !rec.get(i).model().equals(pr.get(i).model())) {
                throw new IllegalStateException("residuals of the recommender and popularity are not of the same jobs");
            }
        }
        int best = 0;
        double[] regret = new double[WEIGHTS.length];
        LodoResiduals[] blends = new LodoResiduals[WEIGHTS.length];
        for (int w = 0; w < WEIGHTS.length; w++) {
            blends[w] = blend(rec, pr, WEIGHTS[w]);
            regret[w] = meanOver(replays(blends[w], config, false), r -> r.regretOverRounds());
            if (regret[w] < regret[best] - 1e-12) {
                best = w;
            }
        }
        double wb = WEIGHTS[best];
        double[] prior = recommenderPrior.clone();
        if (wb != 1) {
            for (int i = 0; i < prior.length; i++) {
                prior[i] = wb * recommenderPrior[i] + (1 - wb) * popPrior[i];
            }
        }
        List<Replay> toStop = replays(blends[best], config, true);
        double[] stopRegret = new double[STOP_LEVELS.length];
        double level = STOP_LEVELS[0];
        for (int l = 0; l < STOP_LEVELS.length; l++) {
            final int ll = l;
            stopRegret[l] = meanOver(toStop, r -> r.regretAtStop()[ll]);
            if (stopRegret[l] <= config.eps() / 2 + 1e-12) {
                level = STOP_LEVELS[l];
            }
        }
        return new PriorChoice(wb, prior, blends[best], regret, Double.isNaN(stopRegret[0]) ? config.stopLevel() : level,
                stopRegret);
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private static LodoResiduals blend(List<LodoResiduals.Residual> rec, List<LodoResiduals.Residual> pop, double w) {
        if (w == 1) {
            return new LodoResiduals(rec);
        }
        List<LodoResiduals.Residual> out = new ArrayList<>(rec.size());
        for (int i = 0; i < rec.size(); i++) {
            LodoResiduals.Residual r = rec.get(i);
            out.add(new LodoResiduals.Residual(r.dataset(), r.model(),
                    w * r.predicted() + (1 - w) * pop.get(i).predicted(), r.actual()));
        }
        return new LodoResiduals(out);
    }

    /**
     * The loop replayed on one dataset of the residuals.
     *
     * @param regretOverRounds mean regret after 1..ROUNDS fine-tunes
     * @param regretAtStop     regret where the stop test at each of {@link #STOP_LEVELS} first fired
     */
    record Replay(double regretOverRounds, double[] regretAtStop) {
    }

    private static double meanOver(List<Replay> replays, java.util.function.ToDoubleFunction<Replay> f) {
        return replays.isEmpty() ? Double.NaN : replays.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /**
     * The loop replayed on each dataset of {@code residuals} (those with distinct models), with the field of the other
     * datasets' residuals and the held-out prediction as prior, for ROUNDS fine-tunes or, {@code toStop}, until the
     * most cautious stop level fires (at least ROUNDS). The order of the fine-tunes does not depend on the stop level,
     * so one replay serves every level; a level that never fired is NaN in {@link Replay#regretAtStop}.
     */
    static List<Replay> replays(LodoResiduals residuals, GuidedSearch.Config config, boolean toStop) {
        Map<String, List<LodoResiduals.Residual>> byDataset = new LinkedHashMap<>();
        residuals.residuals().forEach(r -> byDataset.computeIfAbsent(r.dataset(), d -> new ArrayList<>()).add(r));
        List<Replay> out = new ArrayList<>();
        for (Map.Entry<String, List<LodoResiduals.Residual>> e : byDataset.entrySet()) {
            List<LodoResiduals.Residual> rows = e.getValue();
            List<String> models = new ArrayList<>();
            double[] prior = new double[rows.size()];
            Map<String, Double> truth = new LinkedHashMap<>();
            double max = Double.NEGATIVE_INFINITY;
            boolean distinct = true;
            for (int i = 0; i < rows.size(); i++) {
                LodoResiduals.Residual r = rows.get(i);
                distinct &= truth.put(r.model(), r.actual()) == null;
                models.add(r.model());
                prior[i] = r.predicted();
                max = Math.max(max, r.actual());
            }
            if (!distinct) {
                continue; // repeated jobs of one model: no search over distinct candidates
            }
            String held = e.getKey();
            LodoResiduals others = new LodoResiduals(residuals.residuals().stream()
                    .filter(r -> !r.dataset().equals(held)).toList());
            GuidedSearch search = new GuidedSearch(models, prior,
                    ResidualField.of(others, config.shrink(), config.noise()), config.withStopLevel(STOP_LEVELS[0]));
            Map<String, Double> observed = new LinkedHashMap<>();
            double[] atStop = nan(STOP_LEVELS.length);
            double overRounds = 0;
            double best = Double.NEGATIVE_INFINITY;
            while (true) {
                GuidedSearch.Round round = search.round(observed);
                if (!observed.isEmpty()) {
                    for (int l = 0; l < STOP_LEVELS.length; l++) {
                        if (Double.isNaN(atStop[l])
                                && (round.ranking().isEmpty() || round.stopProbability() < STOP_LEVELS[l])) {
                            atStop[l] = max - round.bestAccuracy();
                        }
                    }
                }
                if (round.ranking().isEmpty() || observed.size() >= ROUNDS && (!toStop || round.stop())) {
                    break;
                }
                String next = round.next(1).get(0);
                observed.put(next, truth.get(next));
                best = Math.max(best, truth.get(next));
                if (observed.size() <= ROUNDS) {
                    overRounds += max - best;
                }
            }
            for (int k = observed.size() + 1; k <= ROUNDS; k++) {
                overRounds += max - best; // fewer candidates than ROUNDS: the regret stays
            }
            out.add(new Replay(overRounds / ROUNDS, atStop));
        }
        return out;
    }
}
