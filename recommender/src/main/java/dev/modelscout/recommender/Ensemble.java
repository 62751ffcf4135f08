package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mean of a ridge ({@link LinearRegression}) and a factorization machine ({@link FactorizationMachine}),
 * each trained on the same history and features with its own settings (by default each trainer's own
 * defaults: inner-CV lambda for the ridge, fixed lambdaV for the FM). The two fail on different datasets
 * (see docs/recommender.md), so their mean is steadier than either. No weights are fitted: the mean is fixed.
 */
public final class Ensemble implements Trainer {

    public static final String NAME = "ensemble";

    /**
     * @param ridge settings of the ridge member
     * @param fm    settings of the factorization-machine member
     */
    public record Config(LinearRegression.Config ridge, FactorizationMachine.Config fm) {
        public Config {
            if (ridge == null || fm == null) {
                throw new IllegalArgumentException("an ensemble needs both a ridge and an FM config");
            }
        }

        /** Both members with their own documented defaults. */
        public static Config defaults() {
            return new Config(LinearRegression.Config.defaults(), FactorizationMachine.Config.defaults());
        }

        public Config withRidge(LinearRegression.Config c) {
            return new Config(c, fm);
        }

        public Config withFm(FactorizationMachine.Config c) {
            return new Config(ridge, c);
        }
    }

    /**
     * A trained ensemble: prediction = the mean of the members' predictions.
     *
     * @param members the trained members (each with its own provenance), in the order ridge, FM
     */
    public record Model(Provenance provenance, List<Recommender> members) implements Recommender {
        public Model {
            members = List.copyOf(members);
            if (members.isEmpty()) {
                throw new IllegalArgumentException("an ensemble needs at least one member");
            }
        }

        @Override
        public double[] predict(List<Job> rows) {
            double[] p = new double[rows.size()];
            for (Recommender m : members) {
                double[] q = m.predict(rows);
                for (int i = 0; i < p.length; i++) {
                    p[i] += q[i];
                }
            }
            for (int i = 0; i < p.length; i++) {
                p[i] /= members.size();
            }
            return p;
        }
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
        settings.put("combine", "mean");
        for (Recommender m : members) {
            String prefix = m.provenance().trainer() + ".";
            m.provenance().settings().forEach((k, v) -> settings.put(prefix + k, v));
        }
        Provenance prov = new Provenance(NAME, settings, config.fm().seed(), history.source(), history.sha256(),
                history.size(), features.labels());
        return new Model(prov, members);
    }

    public Config config() {
        return config;
    }
}
