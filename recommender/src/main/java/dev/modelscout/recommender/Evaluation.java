package dev.modelscout.recommender;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Offline evaluation of a trainer on a history, with the paper's protocols. Metrics are computed per test
 * dataset (predicted vs. true accuracy of that dataset's held-out models), then averaged over datasets
 * (NaN values, e.g. a constant prediction, are left out of the mean).
 */
public final class Evaluation {

    /** The protocols. */
    public enum Protocol {
        /** Random model splits (test fraction of the models held out), repeated with seeds. */
        UNSEEN_MODELS("unseen-models"),
        /** Each test dataset in turn: train on every other dataset's jobs, predict the held-out dataset. */
        LEAVE_ONE_DATASET_OUT("leave-one-dataset-out"),
        /** One model trained on the train datasets, evaluated on the test datasets. */
        TRAIN_TEST("train-test"),
        /** Leave-one-dataset-out with a growing random fraction of the training jobs. */
        LEARNING_CURVE("learning-curve");

        private final String id;

        Protocol(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Protocol parse(String s) {
            for (Protocol p : values()) {
                if (p.id.equalsIgnoreCase(s.strip()) || p.name().equalsIgnoreCase(s.strip())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown protocol '" + s
                    + "' (unseen-models, leave-one-dataset-out, train-test, learning-curve)");
        }
    }

    /**
     * @param protocol      the protocol
     * @param testDatasets  datasets to test on (empty: every dataset of the history)
     * @param trainDatasets train-test: datasets to train on (empty: every dataset not tested)
     * @param splits        unseen-models: number of random splits
     * @param testFraction  unseen-models: fraction of models held out
     * @param seed          seed of the splits and subsamples
     * @param topK          k of the top-k hit rate
     * @param fractions     learning-curve: fractions of the training jobs
     * @param repeats       learning-curve: random subsamples per fraction
     */
    public record Options(Protocol protocol, List<String> testDatasets, List<String> trainDatasets, int splits,
                          double testFraction, long seed, int topK, List<Double> fractions, int repeats) {
        public static Options defaults(Protocol p) {
            return new Options(p, List.of(), List.of(), 10, 0.2, 0, 3,
                    List.of(0.1, 0.2, 0.3, 0.5, 0.7, 1.0), 3);
        }

        public Options withTestDatasets(List<String> d) {
            return new Options(protocol, d, trainDatasets, splits, testFraction, seed, topK, fractions, repeats);
        }

        public Options withTrainDatasets(List<String> d) {
            return new Options(protocol, testDatasets, d, splits, testFraction, seed, topK, fractions, repeats);
        }

        public Options withSplits(int s, double fraction, long sd) {
            return new Options(protocol, testDatasets, trainDatasets, s, fraction, sd, topK, fractions, repeats);
        }

        public Options withTopK(int k) {
            return new Options(protocol, testDatasets, trainDatasets, splits, testFraction, seed, k, fractions, repeats);
        }

        public Options withCurve(List<Double> f, int r) {
            return new Options(protocol, testDatasets, trainDatasets, splits, testFraction, seed, topK, f, r);
        }
    }

    /** Metrics of one test dataset (in one split / fold). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetScore(String dataset, int n, Integer split, double pearson, double spearman, double kendall,
                               @JsonProperty("weighted_tau") double weightedTau,
                               @JsonProperty("weighted_tau_rank_none") double weightedTauRankNone,
                               double regret, @JsonProperty("hit_at_k") double hitAtK) {
    }

    /** Averages over the test datasets (or over splits for unseen-models), with standard deviations. */
    public record Summary(double pearson, double spearman, double kendall,
                          @JsonProperty("weighted_tau") double weightedTau,
                          @JsonProperty("weighted_tau_rank_none") double weightedTauRankNone,
                          double regret, @JsonProperty("hit_at_k") double hitAtK) {
    }

    /** One point of a learning curve. */
    public record CurvePoint(double fraction, @JsonProperty("train_rows") double trainRows, Summary metrics) {
    }

    /** Wall-clock spent training and predicting. */
    public record Timing(int fits, @JsonProperty("train_seconds") double trainSeconds,
                         @JsonProperty("mean_train_seconds") double meanTrainSeconds,
                         @JsonProperty("total_seconds") double totalSeconds) {
    }

    /** The result of an evaluation, as written to results.json. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String protocol, String recommender, List<String> features, String history,
                         @JsonProperty("history_sha256") String historySha256, int k, Summary metrics, Summary std,
                         @JsonProperty("per_dataset") List<DatasetScore> perDataset, List<CurvePoint> curve,
                         Timing timing, Baseline baseline) {
        /** This result with {@code b} reported beside it. */
        public Result withBaseline(Baseline b) {
            return new Result(protocol, recommender, features, history, historySha256, k, metrics, std, perDataset, curve,
                    timing, b);
        }
    }

    /** Another recommender's (the popularity baseline's) summary under the same protocol and splits. */
    public record Baseline(String recommender, Summary metrics, Summary std) {
        public static Baseline of(Result r) {
            return new Baseline(r.recommender(), r.metrics(), r.std());
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** results.json text. NaN metrics are written as null. */
    public static String toJson(Result r) {
        try {
            return JSON.writeValueAsString(JSON.readTree(JSON.writeValueAsString(r)
                    .replace(": \"NaN\"", ": null").replace(": NaN", ": null"))) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes results.json atomically. */
    public static void write(Result r, java.nio.file.Path file) {
        try {
            dev.modelscout.core.AtomicFiles.write(file, toJson(r));
        } catch (java.io.IOException e) {
            throw new dev.modelscout.core.ModelScoutException(file + ": cannot write: " + dev.modelscout.core.IoErrors.reason(e), e);
        }
    }

    private Evaluation() {
    }

    /** Evaluates {@code trainer} with {@code features} on {@code history} following {@code options}. */
    public static Result evaluate(TrainingHistory history, Trainer trainer, FieldSpec features, Options options) {
        long t0 = System.nanoTime();
        long[] train = new long[2];
        List<String> all = history.datasets();
        List<String> tests = options.testDatasets().isEmpty() ? all : options.testDatasets();
        for (String d : tests) {
            if (!all.contains(d)) {
                throw new IllegalArgumentException("test dataset '" + d + "' is not in " + history.source()
                        + " (datasets: " + String.join(",", all) + ")");
            }
        }
        for (String d : options.trainDatasets()) {
            if (!all.contains(d)) {
                throw new IllegalArgumentException("train dataset '" + d + "' is not in " + history.source());
            }
        }
        if ((options.protocol() == Protocol.LEAVE_ONE_DATASET_OUT || options.protocol() == Protocol.LEARNING_CURVE
                || options.protocol() == Protocol.TRAIN_TEST) && all.size() < 2) {
            throw new IllegalArgumentException(options.protocol().id() + " needs at least 2 datasets; " + history.source()
                    + " has " + all.size() + " (use --protocol unseen-models)");
        }
        if (options.protocol() == Protocol.UNSEEN_MODELS && history.models().size() < 5) {
            throw new IllegalArgumentException("unseen-models needs at least 5 models; " + history.source() + " has "
                    + history.models().size());
        }
        Summary metrics;
        Summary std;
        List<DatasetScore> per = new ArrayList<>();
        List<CurvePoint> curve = null;
        switch (options.protocol()) {
            case LEAVE_ONE_DATASET_OUT -> {
                for (String d : tests) {
                    per.add(fold(history, trainer, features, history.filter(j -> !j.dataset().equals(d)).jobs(), d, null,
                            options.topK(), train));
                }
                metrics = mean(per);
                std = std(per);
            }
            case TRAIN_TEST -> {
                Set<String> testSet = new HashSet<>(tests);
                Set<String> trainSet = options.trainDatasets().isEmpty() ? null : new HashSet<>(options.trainDatasets());
                for (String d : testSet) {
                    if (trainSet != null && trainSet.contains(d)) {
                        throw new IllegalArgumentException("dataset '" + d + "' is in both the train and the test list");
                    }
                }
                TrainingHistory trainH = history.filter(j -> !testSet.contains(j.dataset())
                        && (trainSet == null || trainSet.contains(j.dataset())));
                Recommender r = timedTrain(trainer, trainH, features, train);
                for (String d : tests) {
                    List<Job> rows = history.filter(j -> j.dataset().equals(d)).jobs();
                    per.add(score(d, null, rows, r.predict(rows), options.topK()));
                }
                metrics = mean(per);
                std = std(per);
            }
            case UNSEEN_MODELS -> {
                List<Summary> splitMeans = new ArrayList<>();
                List<String> models = history.models();
                for (int s = 0; s < options.splits(); s++) {
                    List<String> shuffled = new ArrayList<>(models);
                    Collections.shuffle(shuffled, new Random(options.seed() + s));
                    int nTest = Math.max(1, (int) Math.round(options.testFraction() * models.size()));
                    Set<String> testModels = new HashSet<>(shuffled.subList(0, nTest));
                    TrainingHistory trainH = history.filter(j -> !testModels.contains(j.model()));
                    Recommender r = timedTrain(trainer, trainH, features, train);
                    List<DatasetScore> split = new ArrayList<>();
                    for (String d : tests) {
                        List<Job> rows = history.filter(j -> j.dataset().equals(d) && testModels.contains(j.model())).jobs();
                        if (rows.size() >= 2) {
                            split.add(score(d, s, rows, r.predict(rows), options.topK()));
                        }
                    }
                    per.addAll(split);
                    splitMeans.add(mean(split));
                }
                metrics = meanOfSummaries(splitMeans);
                std = stdOfSummaries(splitMeans);
            }
            case LEARNING_CURVE -> {
                curve = new ArrayList<>();
                for (double f : options.fractions()) {
                    List<DatasetScore> atF = new ArrayList<>();
                    double rows = 0;
                    int count = 0;
                    for (int rep = 0; rep < options.repeats(); rep++) {
                        for (String d : tests) {
                            List<Job> pool = new ArrayList<>(history.filter(j -> !j.dataset().equals(d)).jobs());
                            Collections.shuffle(pool, new Random(options.seed() * 1000003L + rep * 7919L + d.hashCode()));
                            int m = Math.max(1, (int) Math.round(f * pool.size()));
                            rows += m;
                            count++;
                            atF.add(fold(history, trainer, features, pool.subList(0, m), d, rep, options.topK(), train));
                        }
                        if (f >= 1.0) {
                            break;
                        }
                    }
                    curve.add(new CurvePoint(f, rows / count, mean(atF)));
                    if (f >= 1.0) {
                        per = atF;
                    }
                }
                metrics = curve.get(curve.size() - 1).metrics();
                std = std(per.isEmpty() ? List.of() : per);
            }
            default -> throw new IllegalStateException();
        }
        double total = (System.nanoTime() - t0) / 1e9;
        Timing timing = new Timing((int) train[1], train[0] / 1e9, train[1] == 0 ? 0 : train[0] / 1e9 / train[1], total);
        return new Result(options.protocol().id(), trainer.name(), features.labels(), history.source(), history.sha256(),
                options.topK(), metrics, std, per, curve, timing, null);
    }

    private static DatasetScore fold(TrainingHistory history, Trainer trainer, FieldSpec features, List<Job> trainJobs,
                                     String testDataset, Integer split, int topK, long[] train) {
        Recommender r = timedTrain(trainer, history.withJobs(trainJobs), features, train);
        List<Job> rows = history.filter(j -> j.dataset().equals(testDataset)).jobs();
        return score(testDataset, split, rows, r.predict(rows), topK);
    }

    private static Recommender timedTrain(Trainer trainer, TrainingHistory h, FieldSpec features, long[] train) {
        long t = System.nanoTime();
        Recommender r = trainer.train(h, features);
        train[0] += System.nanoTime() - t;
        train[1]++;
        return r;
    }

    /** Metrics of one dataset's predictions. */
    public static DatasetScore score(String dataset, Integer split, List<Job> rows, double[] predicted, int topK) {
        double[] truth = rows.stream().mapToDouble(Job::accuracy).toArray();
        return new DatasetScore(dataset, rows.size(), split,
                Metrics.pearson(predicted, truth), Metrics.spearman(predicted, truth), Metrics.kendall(predicted, truth),
                Metrics.weightedTau(truth, predicted), Metrics.weightedTauRankedBy(truth, predicted),
                Metrics.regret(predicted, truth), Metrics.hitAtK(predicted, truth, topK));
    }

    private static final List<ToDoubleFunction<DatasetScore>> FIELDS = List.of(DatasetScore::pearson,
            DatasetScore::spearman, DatasetScore::kendall, DatasetScore::weightedTau, DatasetScore::weightedTauRankNone,
            DatasetScore::regret, DatasetScore::hitAtK);

    static Summary mean(List<DatasetScore> s) {
        double[] m = new double[FIELDS.size()];
        for (int f = 0; f < m.length; f++) {
            m[f] = nanMean(s.stream().mapToDouble(FIELDS.get(f)).toArray());
        }
        return summary(m);
    }

    static Summary std(List<DatasetScore> s) {
        double[] m = new double[FIELDS.size()];
        for (int f = 0; f < m.length; f++) {
            m[f] = nanStd(s.stream().mapToDouble(FIELDS.get(f)).toArray());
        }
        return summary(m);
    }

    private static final List<ToDoubleFunction<Summary>> SUMMARY_FIELDS = List.of(Summary::pearson, Summary::spearman,
            Summary::kendall, Summary::weightedTau, Summary::weightedTauRankNone, Summary::regret, Summary::hitAtK);

    static Summary meanOfSummaries(List<Summary> s) {
        double[] m = new double[SUMMARY_FIELDS.size()];
        for (int f = 0; f < m.length; f++) {
            m[f] = nanMean(s.stream().mapToDouble(SUMMARY_FIELDS.get(f)).toArray());
        }
        return summary(m);
    }

    static Summary stdOfSummaries(List<Summary> s) {
        double[] m = new double[SUMMARY_FIELDS.size()];
        for (int f = 0; f < m.length; f++) {
            m[f] = nanStd(s.stream().mapToDouble(SUMMARY_FIELDS.get(f)).toArray());
        }
        return summary(m);
    }

    private static Summary summary(double[] m) {
        return new Summary(m[0], m[1], m[2], m[3], m[4], m[5], m[6]);
    }

    static double nanMean(double[] v) {
        double s = 0;
        int n = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                s += d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Population standard deviation over the non-NaN values. */
    static double nanStd(double[] v) {
        double m = nanMean(v);
        double s = 0;
        int n = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                s += (d - m) * (d - m);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(s / n);
    }

    /** Metric names and values of a summary, in report order. */
    public static Map<String, Double> asMap(Summary s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("pearson", s.pearson());
        m.put("spearman", s.spearman());
        m.put("kendall", s.kendall());
        m.put("weighted_tau", s.weightedTau());
        m.put("weighted_tau_rank_none", s.weightedTauRankNone());
        m.put("regret", s.regret());
        m.put("hit_at_k", s.hitAtK());
        return m;
    }

    static String fmt(double d) {
        return Double.isNaN(d) ? "nan" : String.format(Locale.ROOT, "%.3f", d);
    }
}
