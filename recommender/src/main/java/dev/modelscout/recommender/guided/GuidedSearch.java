package dev.modelscout.recommender.guided;

import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guided loop's core, shared by {@code evaluate --protocol active} (which replays it with known accuracies)
 * and {@code modelscout select} (which fine-tunes): given the candidates of one target, the recommender's
 * predictions as prior and its {@link ResidualField}, and the jobs observed so far, one {@link #round} ranks the
 * untried candidates by {@link Acquisition#expectedImprovement expected improvement} over the best found, picks
 * the next ones, and applies the stop rule.
 *
 * <p><b>Stop rule</b>: stop when no untried candidate has a probability of at least {@code stopLevel} of beating
 * the best found by more than {@code eps} (max_u P(y_u > best + eps) < stopLevel); never before the first
 * observation; always when every candidate is tried.
 *
 * <p>Stateless: a round is a function of the observed jobs, so a loop killed and restarted with the same
 * observations makes the same choice.
 */
public final class GuidedSearch {

    /**
     * @param eps       the gap that counts as better ({@code --stop-gap})
     * @param stopLevel stop when the probability of a better untried candidate is below this, in (0,1)
     * @param shrink    {@link ResidualField} shrinkage
     * @param noise     {@link ResidualField} observation noise
     */
    public record Config(double eps, double stopLevel, double shrink, double noise, Rule rule) {
        public Config {
            if (!(eps >= 0) || !(stopLevel > 0 && stopLevel < 1) || !(shrink >= 0 && shrink <= 1) || !(noise >= 0)) {
                throw new IllegalArgumentException("guided search: eps " + eps + " must be >= 0, stop level "
                        + stopLevel + " in (0,1), shrink " + shrink + " in [0,1], noise " + noise + " >= 0");
            }
        }

        public static Config defaults() {
            return new Config(0.01, 0.1, 0.3, 0.005, Rule.EXPECTED_IMPROVEMENT);
        }

        public Config withEps(double e) {
            return new Config(e, stopLevel, shrink, noise, rule);
        }

        public Config withRule(Rule r) {
            return new Config(eps, stopLevel, shrink, noise, r);
        }

        public Config withStopLevel(double l) {
            return new Config(eps, l, shrink, noise, rule);
        }
    }

    /** The acquisition rule: what orders the untried candidates. */
    public enum Rule {
        /** {@link Acquisition#expectedImprovement} over the best found. */
        EXPECTED_IMPROVEMENT,
        /** The posterior mean: the updated recommender's ranking, no exploration bonus. */
        MEAN,
        /** {@link Acquisition#probabilityOfBeating} the best found by eps. */
        PROBABILITY
    }

    /** An untried candidate in a round: prior prediction, belief, and what the acquisition makes of it. */
    public record Candidate(String model, double predicted, double mean, double sd, double expectedImprovement,
                            double probabilityOfBeating) {
    }

    /**
     * One round.
     *
     * @param tried           candidates observed so far
     * @param bestModel       the best observed (null before any)
     * @param bestAccuracy    its accuracy (NaN before any)
     * @param ranking         the untried candidates, best acquisition first
     * @param stopProbability the highest probability of an untried candidate to beat the best by more than eps (1 before any)
     * @param stop            whether the stop rule says stop
     */
    public record Round(int tried, String bestModel, double bestAccuracy, List<Candidate> ranking,
                        double stopProbability, boolean stop) {
        /** The next {@code parallel} candidates to fine-tune (fewer when fewer are left). */
        public List<String> next(int parallel) {
            return ranking.stream().limit(parallel).map(Candidate::model).toList();
        }
    }

    private final List<String> models;
    private final double[] prior;
    private final ResidualField field;
    private final Config config;
    private final double recommenderWeight;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * @param models candidate model ids, distinct
     * @param prior  the recommender's predicted accuracy of each
     */
    public GuidedSearch(List<String> models, double[] prior, ResidualField field, Config config) {
        this(models, prior, field, config, 1);
    }

    /**
     * @param recommenderWeight the recommender's weight in {@code prior} (the rest is popularity's), for messages
     */
    public GuidedSearch(List<String> models, double[] prior, ResidualField field, Config config,
                        double recommenderWeight) {
        if (models.size() != prior.length) {
            throw new IllegalArgumentException(models.size() + " candidates but " + prior.length + " predictions");
        }
        this.models = List.copyOf(models);
        this.prior = prior.clone();
        this.field = field;
        this.config = config;
        this.recommenderWeight = recommenderWeight;
        for (int i = 0; i < this.models.size(); i++) {
            if (index.put(this.models.get(i), i) != null) {
                throw new IllegalArgumentException("candidate '" + this.models.get(i) + "' given twice");
            }
        }
    }

    /**
     * The search over {@code candidates} (rows of one target) as {@code select} and {@code evaluate --protocol active}
     * run it: the prior hedged between the recommender's {@code predicted} and popularity on {@code train} and the
     * stop level, both chosen by {@link PriorChoice} (the {@code config}'s stop level is replaced), the residual field
     * learned from the chosen prior's leave-one-dataset-out residuals.
     *
     * @param train     the history without the target
     * @param residuals the recommender's leave-one-dataset-out residuals on {@code train}
     */
    public static GuidedSearch of(TrainingHistory train, List<Job> candidates, double[] predicted,
                                  LodoResiduals residuals, Config config) {
        PriorChoice choice = PriorChoice.of(train, candidates, predicted, residuals, config);
        return new GuidedSearch(candidates.stream().map(Job::model).toList(), choice.prior(),
                ResidualField.of(choice.residuals(), config.shrink(), config.noise()),
                config.withStopLevel(choice.stopLevel()), choice.weight());
    }

    public List<String> models() {
        return models;
    }

    public Config config() {
        return config;
    }

    /** The recommender's weight in the prior, the rest popularity's ({@link PriorChoice}; 1: the recommender alone). */
    public double recommenderWeight() {
        return recommenderWeight;
    }

    /** The belief about every candidate after {@code observed} (model -> accuracy; other models are ignored). */
    public Belief belief(Map<String, Double> observed) {
        return field.posterior(models, prior, indexed(observed));
    }

    private Map<Integer, Double> indexed(Map<String, Double> observed) {
        Map<Integer, Double> o = new HashMap<>();
        observed.forEach((m, y) -> {
            Integer i = index.get(m);
            if (i != null) {
                o.put(i, y);
            }
        });
        return o;
    }

    /** The round after {@code observed} (model -> accuracy; models that are not candidates are ignored). */
    public Round round(Map<String, Double> observed) {
        Map<Integer, Double> o = indexed(observed);
        Belief b = field.posterior(models, prior, o);
        String bestModel = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, Double> e : o.entrySet()) {
            String m = models.get(e.getKey());
            if (e.getValue() > best || (e.getValue() == best && m.compareTo(bestModel) < 0)) {
                best = e.getValue();
                bestModel = m;
            }
        }
        List<Candidate> ranking = new ArrayList<>();
        double most = 0;
        for (int i = 0; i < models.size(); i++) {
            if (o.containsKey(i)) {
                continue;
            }
            double mean = b.mean()[i];
            double sd = b.sd()[i];
            double p = o.isEmpty() ? 1 : Acquisition.probabilityOfBeating(mean, sd, best, config.eps());
            double ei = o.isEmpty() || config.rule() == Rule.MEAN ? mean
                    : config.rule() == Rule.PROBABILITY ? p : Acquisition.expectedImprovement(mean, sd, best);
            most = Math.max(most, p);
            ranking.add(new Candidate(models.get(i), prior[i], mean, sd, ei, p));
        }
        ranking.sort(Comparator.comparingDouble((Candidate c) -> -c.expectedImprovement())
                .thenComparingDouble(c -> -c.mean()).thenComparing(Candidate::model));
        double stopProbability = o.isEmpty() ? 1 : most;
        boolean stop = ranking.isEmpty() || (!o.isEmpty() && stopProbability < config.stopLevel());
        return new Round(o.size(), bestModel, o.isEmpty() ? Double.NaN : best, ranking, stopProbability, stop);
    }

    /** Candidates of {@code observed} that are not in this search (for messages). */
    public List<String> unknown(Map<String, Double> observed) {
        List<String> out = new ArrayList<>();
        for (String m : observed.keySet()) {
            if (!index.containsKey(m)) {
                out.add(m);
            }
        }
        return out;
    }

}
