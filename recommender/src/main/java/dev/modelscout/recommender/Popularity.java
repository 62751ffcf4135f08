package dev.modelscout.recommender;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The popularity baseline: a model's mean accuracy over the training datasets; for a model not in the
 * history, the mean over all training jobs of its {@code arch_family}; else the global mean. Ignores the
 * features (it always uses {@code model} and {@code arch_family}).
 */
public final class Popularity implements Trainer {

    public static final String NAME = "popularity";

    /** No settings; kept for a uniform trainer API. */
    public record Config() {
        public static Config defaults() {
            return new Config();
        }
    }

    /**
     * @param modelMean  mean training accuracy per model
     * @param familyMean mean training accuracy per arch family
     * @param globalMean mean over all training jobs
     */
    public record Model(Provenance provenance, Map<String, Double> modelMean, Map<String, Double> familyMean,
                        double globalMean) implements Recommender {
        public Model {
            modelMean = modelMean == null ? Map.of() : modelMean;
            familyMean = familyMean == null ? Map.of() : familyMean;
            for (Map<String, Double> m : List.of(modelMean, familyMean)) {
                for (Map.Entry<String, Double> e : m.entrySet()) {
                    if (e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 1)) {
                        throw new IllegalArgumentException("popularity: mean accuracy of '" + e.getKey() + "' is "
                                + e.getValue() + ", not in [0,1]");
                    }
                }
            }
            Checks.finite("popularity global mean", globalMean);
        }

        @Override
        public java.util.Set<String> knownModels() {
            return modelMean.keySet();
        }

        @Override
        public List<String> inputColumns() {
            return List.of(HistorySchema.MODEL, HistorySchema.ARCH_FAMILY);
        }
        @Override
        public double[] predict(List<Job> rows) {
            double[] p = new double[rows.size()];
            for (int i = 0; i < p.length; i++) {
                Job j = rows.get(i);
                Double m = modelMean.get(j.model());
                if (m == null) {
                    m = familyMean.get(j.cell(HistorySchema.ARCH_FAMILY));
                }
                p[i] = m == null ? globalMean : m;
            }
            return p;
        }
    }

    private final Config config;

    public Popularity(Config config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Recommender train(TrainingHistory history, FieldSpec features) {
        TrainingDataException.requireJobs(history);
        Map<String, double[]> byModel = new HashMap<>();
        Map<String, double[]> byFamily = new HashMap<>();
        double sum = 0;
        for (Job j : history.jobs()) {
            add(byModel, j.model(), j.accuracy());
            String fam = j.cell(HistorySchema.ARCH_FAMILY);
            if (!fam.isEmpty()) {
                add(byFamily, fam, j.accuracy());
            }
            sum += j.accuracy();
        }
        Provenance prov = new Provenance(NAME, Map.of(), 0, history.source(), history.sha256(), history.size(),
                List.of("model", "arch_family"));
        return new Model(prov, means(byModel), means(byFamily), history.size() == 0 ? Double.NaN : sum / history.size());
    }

    private static void add(Map<String, double[]> m, String k, double v) {
        double[] s = m.computeIfAbsent(k, x -> new double[2]);
        s[0] += v;
        s[1]++;
    }

    private static Map<String, Double> means(Map<String, double[]> m) {
        Map<String, Double> out = new TreeMap<>();
        m.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    public Config config() {
        return config;
    }
}
