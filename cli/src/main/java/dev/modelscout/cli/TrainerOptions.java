package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.recommender.FactorizationMachine;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.Trainer;
import dev.modelscout.recommender.TrainerOverrides;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Which recommender to train, with optional overrides of its documented defaults (train, evaluate, recommend). */
final class TrainerOptions {

    @Option(names = "--recommender", paramLabel = "auto|fm|lr|ensemble|popularity", defaultValue = "auto",
            description = "auto: chooses popularity, lr, fm or ensemble, the penalty and the encoding of the --features "
                    + "score columns (none, raw, zscore, rank) by cross-validation inside the training history; "
                    + "fm: factorization machine, lr: ridge regression, ensemble: mean of lr and fm (each with "
                    + "its own defaults), popularity: baseline. Default: ${DEFAULT-VALUE}.")
    String recommender;

    @Option(names = "--fm-seed", paramLabel = "N", description = "FM initialisation seed. Default: 42.")
    Long seed;

    /** Set when the deprecated {@code --seed} was given (see {@link #noteDeprecated}). */
    private boolean oldSeed;

    /** The old name of --fm-seed, hidden; {@link #noteDeprecated} says so. */
    @Option(names = "--seed", paramLabel = "N", hidden = true, description = "Deprecated: --fm-seed.")
    void setOldSeed(long value) {
        seed = value;
        oldSeed = true;
    }

    /** One note on {@code err} when the deprecated {@code --seed} was given. */
    void noteDeprecated(PrintWriter err) {
        if (oldSeed) {
            Deprecations.note(err, "--seed", "--fm-seed", "the FM's initialisation seed");
        }
    }

    @Option(names = "--factors", paramLabel = "K", description = "FM factors per feature. Default: 8.")
    Integer factors;

    @Option(names = "--lambda", paramLabel = "L",
            description = "Fixed L2 penalty (ridge lambda, FM factor lambdaV) instead of the inner-CV choice "
                    + "(auto: the only penalty tried).")
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
            description = "ensemble: fixed weight of the FM's prediction in [0,1] (the ridge gets 1-W). Default: 0.5.")
    Double fmWeight;

    @Option(names = "--tune-weight", negatable = true,
            description = "ensemble: choose the FM weight from 0,0.5,1 by cross-validation inside the training history "
                    + "(nested). Default: off (the plain mean).")
    Boolean tuneWeight;

    /** The overrides given on the command line (null: the trainer's default). */
    TrainerOverrides overrides() {
        return new TrainerOverrides(seed, factors, lambda, tune, balance, fmWeight, tuneWeight);
    }

    /**
     * Refuses a value outside its range with a usage error naming the option, before any history is read:
     * an unknown --recommender, --factors below 1, a --lambda that is not a finite number above 0 (0 allowed
     * for fm), an --fm-weight outside [0, 1]. {@link #trainer} checks first too.
     */
    void check() {
        Recommenders.Kind kind;
        try {
            kind = Recommenders.kind(recommender);
        } catch (InvalidOptionException e) {
            throw OptionRanges.invalid("--recommender", recommender, "unknown recommender",
                    String.join(", ", Recommenders.shortNames()));
        }
        OptionRanges.atLeast("--factors", factors, 1, "an integer >= 1");
        boolean fm = kind.name().equals(FactorizationMachine.NAME);
        if (lambda != null && !(Double.isFinite(lambda) && (fm ? lambda >= 0 : lambda > 0))) {
            throw OptionRanges.invalid("--lambda", OptionRanges.number(lambda), "out of range",
                    fm ? "a finite number >= 0" : "a finite number > 0; fm also takes 0");
        }
        OptionRanges.within("--fm-weight", fmWeight, 0, 1, "a number from 0 to 1");
    }

    Trainer trainer() {
        return trainer(recommender);
    }

    Trainer trainer(String name) {
        check();
        return Recommenders.trainer(name, overrides());
    }

    boolean isBaseline() {
        return Recommenders.kind(recommender).name().equals(Popularity.NAME);
    }
}
