package dev.modelscout.cli;

import dev.modelscout.recommender.FactorizationMachine;
import dev.modelscout.recommender.LinearRegression;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.Trainer;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which recommender to train, with optional overrides of its documented defaults. */
final class TrainerOptions {

    @Option(names = "--recommender", paramLabel = "fm|lr|popularity", defaultValue = "fm",
            description = "fm: factorization machine, lr: ridge regression, popularity: baseline. Default: ${DEFAULT-VALUE}.")
    String recommender;

    @Option(names = "--seed", paramLabel = "N", description = "FM initialisation seed (default 42).")
    Long seed;

    @Option(names = "--factors", paramLabel = "K", description = "FM factors per feature (default 8).")
    Integer factors;

    @Option(names = "--lambda", paramLabel = "L", description = "L2 penalty: ridge lambda (default 1), FM factor lambdaV (default 5).")
    Double lambda;

    @Option(names = "--balance-datasets", negatable = true, paramLabel = "BOOL",
            description = "Weigh each job by 1 / (its dataset's accuracy variance) in the loss (fm, lr).")
    Boolean balance;

    Trainer trainer() {
        return trainer(recommender);
    }

    Trainer trainer(String name) {
        Trainer t = Recommenders.trainer(name);
        if (t instanceof FactorizationMachine fm) {
            FactorizationMachine.Config c = fm.config();
            return new FactorizationMachine(new FactorizationMachine.Config(factors == null ? c.factors() : factors,
                    c.lambdaW(), lambda == null ? c.lambdaV() : lambda, c.sweeps(), c.initStd(), seed == null ? c.seed() : seed,
                    balance == null ? c.balanceDatasets() : balance));
        }
        if (t instanceof LinearRegression lr) {
            LinearRegression.Config c = lr.config();
            return new LinearRegression(new LinearRegression.Config(lambda == null ? c.lambda() : lambda,
                    balance == null ? c.balanceDatasets() : balance));
        }
        return t;
    }

    boolean isBaseline() {
        return Popularity.NAME.equals(recommender.toLowerCase(Locale.ROOT)) || trainer() instanceof Popularity;
    }
}
