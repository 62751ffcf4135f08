package dev.modelscout.cli;

import dev.modelscout.recommender.Ensemble;
import dev.modelscout.recommender.FactorizationMachine;
import dev.modelscout.recommender.LinearRegression;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.Trainer;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which recommender to train, with optional overrides of its documented defaults. */
final class TrainerOptions {

    @Option(names = "--recommender", paramLabel = "fm|lr|ensemble|popularity", defaultValue = "fm",
            description = "fm: factorization machine, lr: ridge regression, ensemble: mean of lr and fm (each with "
                    + "its own defaults), popularity: baseline. Default: ${DEFAULT-VALUE}.")
    String recommender;

    @Option(names = "--seed", paramLabel = "N", description = "FM initialisation seed (default 42).")
    Long seed;

    @Option(names = "--factors", paramLabel = "K", description = "FM factors per feature (default 8).")
    Integer factors;

    @Option(names = "--lambda", paramLabel = "L",
            description = "Fixed L2 penalty (ridge lambda, FM factor lambdaV) instead of the inner-CV choice.")
    Double lambda;

    @Option(names = "--tune", negatable = true,
            description = "Choose the L2 penalty by cross-validation inside the training history (nested; default: "
                    + "on for lr, grid 0.3,1,3,10,30; off for fm, whose --tune grid is lambdaV 2,5,20). "
                    + "--no-tune uses lambda 1 / lambdaV 5. For ensemble: applies to both members.")
    Boolean tune;

    @Option(names = "--balance-datasets", negatable = true, paramLabel = "BOOL",
            description = "Weigh each job by 1 / (its dataset's accuracy variance) in the loss (fm, lr).")
    Boolean balance;

    @Option(names = "--fm-weight", paramLabel = "W",
            description = "ensemble: fixed weight of the FM's prediction in [0,1] (the ridge gets 1-W). Default 0.5.")
    Double fmWeight;

    @Option(names = "--tune-weight", negatable = true,
            description = "ensemble: choose the FM weight from 0,0.5,1 by cross-validation inside the training history "
                    + "(nested). Default: off (the plain mean).")
    Boolean tuneWeight;

    Trainer trainer() {
        return trainer(recommender);
    }

    Trainer trainer(String name) {
        Trainer t = Recommenders.trainer(name);
        if (t instanceof FactorizationMachine fm) {
            return new FactorizationMachine(fm(fm.config()));
        }
        if (t instanceof LinearRegression lr) {
            return new LinearRegression(lr(lr.config()));
        }
        if (t instanceof Ensemble e) {
            // The overrides apply to the member they name (seed, factors: the FM; lambda, tune, balance: both).
            Ensemble.Config c = e.config().withRidge(lr(e.config().ridge())).withFm(fm(e.config().fm()));
            if (fmWeight != null) {
                c = c.withFmWeight(fmWeight).withTuneFmWeight(List.of());
            }
            if (tuneWeight != null && fmWeight == null) {
                c = c.withTuneFmWeight(tuneWeight ? Ensemble.Config.TUNE_GRID : List.of());
            }
            return new Ensemble(c);
        }
        return t;
    }

    private FactorizationMachine.Config fm(FactorizationMachine.Config c) {
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
        if (balance != null) {
            c = c.withBalanceDatasets(balance);
        }
        return c;
    }

    private LinearRegression.Config lr(LinearRegression.Config c) {
        if (lambda != null) {
            c = c.withLambda(lambda).withTuneLambda(List.of());
        }
        if (tune != null && lambda == null) {
            c = c.withTuneLambda(tune ? LinearRegression.Config.TUNE_GRID : List.of());
        }
        if (balance != null) {
            c = c.withBalanceDatasets(balance);
        }
        return c;
    }

    boolean isBaseline() {
        return Popularity.NAME.equals(recommender.toLowerCase(Locale.ROOT)) || trainer() instanceof Popularity;
    }
}
