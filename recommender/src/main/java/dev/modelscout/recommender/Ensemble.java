package dev.modelscout.recommender;

import dev.modelscout.core.InvalidOptionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted mean of a ridge ({@link LinearRegression}) and a factorization machine ({@link FactorizationMachine}),
 * each trained on the same history and features with its own settings (by default each trainer's own
 * defaults: inner-CV lambda for the ridge, fixed lambdaV for the FM). The two fail on different datasets
 * (see docs/recommender.md). By default the FM's weight is 1/2 (the plain mean); with {@code tuneFmWeight}
 * it is chosen by {@link InnerValidation}'s folds inside the training history (nested): both members are
 * refitted on each inner fold with the penalties they chose on the whole training history, and the weight
 * with the best mean per-(fold, dataset) Pearson wins.
 */
public final class Ensemble implements Trainer {

    public static final String NAME = "ensemble";

    /**
     * @param ridge        settings of the ridge member
     * @param fm           settings of the factorization-machine member
     * @param fmWeight     weight of the FM's prediction in [0, 1] (the ridge gets 1 - fmWeight)
     * @param tuneFmWeight candidate FM weights chosen by inner cross-validation (empty: fmWeight is used)
     */
    public record Config(LinearRegression.Config ridge, FactorizationMachine.Config fm, double fmWeight,
                         List<Double> tuneFmWeight) {
        public Config {
            if (ridge == null || fm == null) {
                throw new InvalidOptionException("an ensemble needs both a ridge and an FM config");
            }
            tuneFmWeight = tuneFmWeight == null ? List.of() : List.copyOf(tuneFmWeight);
            for (double w : tuneFmWeight) {
                checkWeight(w);
            }
            checkWeight(fmWeight);
        }

        private static void checkWeight(double w) {
            if (!(w >= 0 && w <= 1)) {
                throw new InvalidOptionException("FM weight must lie in [0, 1], not " + w);
            }
        }

        /** Both members with their own documented defaults, plain mean. */
        public static Config defaults() {
            return new Config(LinearRegression.Config.defaults(), FactorizationMachine.Config.defaults(), 0.5, List.of());
        }

        /** The FM weights tried by inner cross-validation: ridge alone, the mean, the FM alone. */
        public static final List<Double> TUNE_GRID = List.of(0.0, 0.5, 1.0);

        public Config withRidge(LinearRegression.Config c) {
            return new Config(c, fm, fmWeight, tuneFmWeight);
        }

        public Config withFm(FactorizationMachine.Config c) {
            return new Config(ridge, c, fmWeight, tuneFmWeight);
        }

        public Config withFmWeight(double w) {
            return new Config(ridge, fm, w, tuneFmWeight);
        }

        public Config withTuneFmWeight(List<Double> grid) {
            return new Config(ridge, fm, fmWeight, grid);
        }
    }

    /**
     * A trained ensemble: prediction = sum of weights[i] * members[i].predict.
     *
     * @param members the trained members (each with its own provenance), in the order ridge, FM
     * @param weights one weight per member, summing to 1
     */
    public record Model(Provenance provenance, List<Recommender> members, double[] weights) implements Recommender {
        public Model {
            members = List.copyOf(members);
            if (members.isEmpty() || weights == null || weights.length != members.size()) {
                throw new IllegalArgumentException("an ensemble needs members and one weight per member");
            }
            weights = weights.clone();
            Checks.finite("ensemble weights", weights);
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException("ensemble weights sum to " + sum + ", not 1");
            }
        }

        @Override
        public java.util.Set<String> knownDatasets() {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            members.forEach(m -> out.addAll(m.knownDatasets()));
            return out;
        }

        @Override
        public List<List<String>> outOfRange(List<Job> rows) {
            List<List<String>> out = new java.util.ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                java.util.Set<String> cols = new java.util.LinkedHashSet<>();
                for (Recommender m : members) {
                    cols.addAll(m.outOfRange(rows).get(i));
                }
                out.add(List.copyOf(cols));
            }
            return out;
        }

        @Override
        public java.util.Set<String> knownModels() {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            members.forEach(m -> out.addAll(m.knownModels()));
            return out;
        }

        @Override
        public List<String> inputColumns() {
            java.util.Set<String> cols = new java.util.LinkedHashSet<>();
            members.forEach(m -> cols.addAll(m.inputColumns()));
            return List.copyOf(cols);
        }

        @Override
        public double[] predict(List<Job> rows) {
            return combine(members.stream().map(m -> m.predict(rows)).toList(), weights);
        }
    }

    static double[] combine(List<double[]> predictions, double[] weights) {
        double[] p = new double[predictions.get(0).length];
        for (int m = 0; m < weights.length; m++) {
            if (weights[m] == 0) {
                continue;
            }
            double[] q = predictions.get(m);
            for (int i = 0; i < p.length; i++) {
                p[i] += weights[m] * q[i];
            }
        }
        return p;
    }

    private final Config config;

    public Ensemble(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Recommender train(TrainingHistory history, FieldSpec features) {
        List<Recommender> members = new ArrayList<>();
        members.add(new LinearRegression(config.ridge()).train(history, features));
        members.add(new FactorizationMachine(config.fm()).train(history, features));
        Map<String, String> settings = new LinkedHashMap<>();
        Provenance.settingsOf(config).forEach((k, v) -> {
            if (!k.startsWith("ridge.") && !k.startsWith("fm.")) {
                settings.put(k, v); // the members' own settings follow, with what their training chose
            }
        });
        double fmWeight = config.fmWeight();
        if (config.tuneFmWeight().size() >= 2) {
            InnerValidation.Choice<Double> c = chooseFmWeight(history, features, members);
            fmWeight = c.best();
            settings.putAll(c.describe("fmWeight"));
        }
        settings.put("fmWeight", Double.toString(fmWeight));
        for (Recommender m : members) {
            String prefix = m.provenance().trainer() + ".";
            m.provenance().settings().forEach((k, v) -> settings.put(prefix + k, v));
        }
        Provenance prov = new Provenance(NAME, settings, config.fm().seed(), history.source(), history.sha256(),
                history.size(), features.labels());
        return new Model(prov, members, new double[] {1 - fmWeight, fmWeight});
    }

    /** Inner CV over the FM weight; the members are refitted per fold with the penalties chosen on the whole history. */
    private InnerValidation.Choice<Double> chooseFmWeight(TrainingHistory history, FieldSpec features,
                                                          List<Recommender> members) {
        LinearRegression ridge = new LinearRegression(config.ridge()
                .withLambda(Double.parseDouble(members.get(0).provenance().settings().get("lambda")))
                .withTuneLambda(List.of()));
        FactorizationMachine fm = new FactorizationMachine(config.fm()
                .withLambdaV(Double.parseDouble(members.get(1).provenance().settings().get("lambdaV")))
                .withTuneLambdaV(List.of()));
        InnerValidation.Folds folds = InnerValidation.folds(history);
        List<Double> grid = config.tuneFmWeight();
        double[] sum = new double[grid.size()];
        int[] count = new int[grid.size()];
        for (int f = 0; f < folds.held().size(); f++) {
            int fold = f;
            TrainingHistory train = history.filter(j -> !folds.heldOut(fold, j));
            if (train.size() == 0) {
                continue;
            }
            Recommender r = ridge.train(train, features);
            Recommender m = fm.train(train, features);
            for (List<Job> rows : history.filter(j -> folds.heldOut(fold, j)).byDataset().values()) {
                if (rows.size() < 3) {
                    continue;
                }
                List<double[]> preds = List.of(r.predict(rows), m.predict(rows));
                double[] truth = rows.stream().mapToDouble(Job::accuracy).toArray();
                for (int c = 0; c < grid.size(); c++) {
                    double v = Metrics.pearson(combine(preds, new double[] {1 - grid.get(c), grid.get(c)}), truth);
                    if (!Double.isNaN(v)) {
                        sum[c] += v;
                        count[c]++;
                    }
                }
            }
        }
        Map<Double, Double> scores = new LinkedHashMap<>();
        Double best = grid.get(0);
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < grid.size(); c++) {
            double score = count[c] == 0 ? Double.NaN : sum[c] / count[c];
            scores.put(grid.get(c), score);
            if (score > bestScore) {
                bestScore = score;
                best = grid.get(c);
            }
        }
        return new InnerValidation.Choice<>(best, scores, folds.scheme());
    }

    public Config config() {
        return config;
    }
}
