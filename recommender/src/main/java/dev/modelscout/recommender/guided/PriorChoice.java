package dev.modelscout.recommender.guided;

import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop's prior, hedged between the recommender and popularity (a backbone's mean accuracy over the history's
 * datasets) by leave-one-dataset-out evidence: the prior is w x recommender + (1 - w) x popularity, and its residual
 * field is learned from the same blend's leave-one-dataset-out residuals, for the weight w in {1, 1/2, 0} whose
 * loop, replayed on each of the history's datasets in turn (the field learned from the other datasets' residuals,
 * the dataset's known accuracies as the oracle), had the lowest mean regret over the first {@link #ROUNDS}
 * fine-tunes. Ties go to the higher recommender weight.
 *
 * <p>Why: on a small history of close backbones (Model Spider: 10 ImageNet backbones, 8 datasets) popularity's
 * first pick is within 0.01 of the best on every dataset while a learned recommender has too little to learn from;
 * on a larger one the recommender knows more. Which holds for a history is measured on that history, not assumed.
 * Popularity costs one mean per model and dataset, so the evidence costs no refit of the recommender.
 *
 * @param weight    the recommender's weight chosen
 * @param prior     the blended prior of every candidate, in candidate order
 * @param residuals the blend's leave-one-dataset-out residuals
 * @param regret    the evidence: mean regret over the first ROUNDS fine-tunes of the replayed loop, per weight of
 *                  {@link #WEIGHTS} (NaN where it could not be measured)
 */
public record PriorChoice(double weight, double[] prior, LodoResiduals residuals, double[] regret) {

    /** The recommender weights tried, the recommender alone first. */
    public static final double[] WEIGHTS = {1, 0.5, 0};

    /** Fine-tunes whose regret the evidence averages. */
    public static final int ROUNDS = 5;

    public PriorChoice {
        prior = prior.clone();
        regret = regret.clone();
    }

    /**
     * Chooses the prior for {@code candidates} (one target's rows).
     *
     * @param train                the history without the target (what the recommender learned from)
     * @param recommenderPrior     the recommender's prediction of each candidate
     * @param recommenderResiduals its leave-one-dataset-out residuals on {@code train}
     */
    public static PriorChoice of(TrainingHistory train, List<Job> candidates, double[] recommenderPrior,
                                 LodoResiduals recommenderResiduals, GuidedSearch.Config config) {
        if (recommenderResiduals.isEmpty() || train.datasets().size() < 3) {
            return new PriorChoice(1, recommenderPrior, recommenderResiduals, new double[] {Double.NaN, Double.NaN,
                Double.NaN});
        }
        Popularity pop = new Popularity(Popularity.Config.defaults());
        Recommender popularity = pop.train(train, FieldSpec.defaults());
        LodoResiduals popResiduals = LodoResiduals.of(train, h -> pop.train(h, FieldSpec.defaults()));
        double[] popPrior = popularity.predict(candidates);
        List<LodoResiduals.Residual> rec = recommenderResiduals.residuals();
        List<LodoResiduals.Residual> pr = popResiduals.residuals();
        if (rec.size() != pr.size()) {
            throw new IllegalStateException("residuals of the recommender (" + rec.size() + ") and popularity ("
                    + pr.size() + ") differ in number");
        }
        for (int i = 0; i < rec.size(); i++) {
            if (!rec.get(i).dataset().equals(pr.get(i).dataset()) || !rec.get(i).model().equals(pr.get(i).model())) {
                throw new IllegalStateException("residuals of the recommender and popularity are not of the same jobs");
            }
        }
        double[] regret = new double[WEIGHTS.length];
        int best = 0;
        LodoResiduals[] blends = new LodoResiduals[WEIGHTS.length];
        for (int w = 0; w < WEIGHTS.length; w++) {
            blends[w] = blend(rec, pr, WEIGHTS[w]);
            regret[w] = replayedRegret(blends[w], config);
            if (regret[w] < regret[best] - 1e-12) {
                best = w;
            }
        }
        double wb = WEIGHTS[best];
        double[] prior = new double[candidates.size()];
        for (int i = 0; i < prior.length; i++) {
            prior[i] = wb * recommenderPrior[i] + (1 - wb) * popPrior[i];
        }
        return new PriorChoice(wb, prior, blends[best], regret);
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
     * The loop replayed on each dataset of {@code residuals} with the field of the other datasets' residuals and the
     * held-out prediction as prior: the mean over datasets of the mean regret after 1..ROUNDS fine-tunes.
     */
    static double replayedRegret(LodoResiduals residuals, GuidedSearch.Config config) {
        Map<String, List<LodoResiduals.Residual>> byDataset = new LinkedHashMap<>();
        residuals.residuals().forEach(r -> byDataset.computeIfAbsent(r.dataset(), d -> new ArrayList<>()).add(r));
        double sum = 0;
        int n = 0;
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
                    ResidualField.of(others, config.shrink(), config.noise()), config);
            Map<String, Double> observed = new LinkedHashMap<>();
            double best = Double.NEGATIVE_INFINITY;
            double total = 0;
            for (int k = 1; k <= ROUNDS; k++) {
                if (observed.size() < models.size()) {
                    String next = search.round(observed).next(1).get(0);
                    observed.put(next, truth.get(next));
                    best = Math.max(best, truth.get(next));
                }
                total += max - best;
            }
            sum += total / ROUNDS;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
