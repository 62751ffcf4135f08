package dev.modelscout.recommender;

import java.util.List;

/**
 * Overrides of a trainer's documented defaults (the {@code train}, {@code evaluate} and {@code recommend}
 * options); null means "keep the default". Each override applies to the trainers it names: seed and
 * factors to the FM, lambda, tune and balanceDatasets to the ridge and the FM, the weights to the ensemble; auto
 * passes them on to its candidates.
 *
 * @param seed            FM initialisation seed
 * @param factors         FM factors per feature
 * @param lambda          fixed L2 penalty (ridge lambda, FM lambdaV) instead of the inner-CV choice
 * @param tune            choose the penalty by inner cross-validation (true) or use the fixed default (false)
 * @param balanceDatasets weigh jobs by 1 / their dataset's accuracy variance
 * @param fmWeight        ensemble: fixed FM weight in [0,1]
 * @param tuneFmWeight    ensemble: choose the FM weight by inner cross-validation
 */
public record TrainerOverrides(Long seed, Integer factors, Double lambda, Boolean tune, Boolean balanceDatasets,
                               Double fmWeight, Boolean tuneFmWeight) {

    /** No overrides: every trainer with its documented defaults. */
    public static TrainerOverrides none() {
        return new TrainerOverrides(null, null, null, null, null, null, null);
    }

    public TrainerOverrides withSeed(long s) {
        return new TrainerOverrides(s, factors, lambda, tune, balanceDatasets, fmWeight, tuneFmWeight);
    }

    FactorizationMachine.Config apply(FactorizationMachine.Config c) {
        if (factors != null) {
            c = c.withFactors(factors);
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        if (lambda != null) {
            c = c.withLambdaV(lambda).withTuneLambdaV(List.of());
        }
        if (tune != null && lambda == null) {
            c = c.withTuneLambdaV(tune ? FactorizationMachine.Config.TUNE_GRID : List.of());
        }
        if (balanceDatasets != null) {
            c = c.withBalanceDatasets(balanceDatasets);
        }
        return c;
    }

    LinearRegression.Config apply(LinearRegression.Config c) {
        if (lambda != null) {
            c = c.withLambda(lambda).withTuneLambda(List.of());
        }
        if (tune != null && lambda == null) {
            c = c.withTuneLambda(tune ? LinearRegression.Config.TUNE_GRID : List.of());
        }
        if (balanceDatasets != null) {
            c = c.withBalanceDatasets(balanceDatasets);
        }
        return c;
    }

    /**
     * auto: seed, factors and balanceDatasets go to its FM and ridge candidates; a fixed lambda is the only
     * penalty tried (ridge lambda and FM lambdaV); --no-tune tries only the untuned defaults (lambda 1, lambdaV
     * 5); fmWeight is the ensemble candidate's weight (tuneFmWeight does not apply: ridge alone and the FM alone
     * are candidates already).
     */
    AutoRecommender.Config apply(AutoRecommender.Config c) {
        c = c.withRidge(apply(c.ridge()).withTuneLambda(List.of())).withFm(apply(c.fm()).withTuneLambdaV(List.of()));
        if (lambda != null) {
            c = c.withRidgeLambdas(List.of(lambda)).withFmLambdaVs(List.of(lambda));
        } else if (tune != null && !tune) {
            c = c.withRidgeLambdas(List.of(LinearRegression.Config.defaults().lambda()))
                    .withFmLambdaVs(List.of(FactorizationMachine.Config.defaults().lambdaV()));
        }
        if (fmWeight != null) {
            c = c.withEnsembleFmWeight(fmWeight);
        }
        return c;
    }

    Ensemble.Config apply(Ensemble.Config c) {
        c = c.withRidge(apply(c.ridge())).withFm(apply(c.fm()));
        if (fmWeight != null) {
            c = c.withFmWeight(fmWeight).withTuneFmWeight(List.of());
        }
        if (tuneFmWeight != null && fmWeight == null) {
            c = c.withTuneFmWeight(tuneFmWeight ? Ensemble.Config.TUNE_GRID : List.of());
        }
        return c;
    }
}
