package dev.modelscout.report;

import dev.modelscout.report.RecommendationReport.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report data for tests: synthetic, with a planted structure (a clear Pareto front, a score that disagrees with
 * the prediction for one backbone, a naive pick that is not the best), and names that need escaping.
 */
public final class SampleReports {

    private SampleReports() {
    }

    /** Eight backbones; the "tricky" one has a name with HTML and script in it. */
    public static final String TRICKY = "vit</script><b>\"&'";

    public static RecommendationReport recommendation(boolean withTruth) {
        String[] models = {"resnet50", "vit_b16", "mobilenet_v3", "efficientnet_b0", "convnext_t", "resnet18",
            TRICKY, "tiny_cnn"};
        double[] predicted = {0.81, 0.84, 0.72, 0.78, 0.83, 0.74, 0.70, 0.55};
        double[] gmacs = {4.1, 17.6, 0.22, 0.39, 4.5, 1.8, Double.NaN, 0.01};
        double[] params = {25.6, 86.6, 5.5, 5.3, 28.6, 11.7, 86.0, 0.05};
        double[] logme = {1.2, 1.1, 0.6, 0.9, 1.3, 0.7, 1.4, -0.2};
        double[] hscore = {30, 42, 12, 20, 35, 15, Double.NaN, 2};
        double[] truth = {0.80, 0.86, 0.70, 0.79, 0.82, 0.73, 0.74, Double.NaN};
        double[] se = {0.01, 0.012, 0.02, 0.008, 0.011, 0.015, 0.01, Double.NaN};
        double[] distance = {0.31, 0.22, 0.45, 0.40, 0.28, 0.33, 0.19, 0.9};
        List<Candidate> c = new ArrayList<>();
        Integer[] order = {1, 4, 0, 3, 5, 2, 6, 7};
        int rank = 1;
        for (int i : order) {
            Map<String, Double> s = new LinkedHashMap<>();
            s.put("logme", logme[i]);
            s.put("reg_hscore", hscore[i]);
            c.add(new Candidate(rank++, models[i], i == 1 || i == 6 ? "vit" : "cnn", i == 7 ? "" : "imagenet",
                    predicted[i], s, gmacs[i], params[i], withTruth ? truth[i] : Double.NaN, Double.NaN, Double.NaN,
                    distance[i], withTruth ? se[i] : Double.NaN));
        }
        RecommendationReport.Truth t = null;
        if (withTruth) {
            t = new RecommendationReport.Truth("truth.csv", 7, 0.0, 0.62, 0.79,
                    List.of(new RecommendationReport.NaivePick("best on average in the training history", "resnet50", 0.06),
                            new RecommendationReport.NaivePick("highest LogME", TRICKY, 0.12),
                            new RecommendationReport.NaivePick("largest model", "vit_b16", 0.0)),
                    List.of("1 row of truth.csv names a model that is not in the zoo: alexnet"),
                    List.of(new RecommendationReport.Ranker("recommender", true, 7, 0.62, 0.43, 0.81, "vit_b16", 0.86, 0.0),
                            new RecommendationReport.Ranker("logme", false, 7, 0.05, -0.24, 0.33, TRICKY, 0.74, 0.12),
                            new RecommendationReport.Ranker("reg_hscore", false, 6, 0.87, 0.73, 1.0, "vit_b16", 0.86, 0.0)),
                    new RecommendationReport.Noise("each true accuracy drawn from a normal with its standard error, "
                            + "2000 draws", "rank 1 is the truly best"));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("factors", "8");
        settings.put("lambdaW", "1.0");
        for (int i = 0; i < 30; i++) {
            settings.put("setting_" + i, Integer.toString(i));
        }
        RecommendationReport.Run run = new RecommendationReport.Run("0.1.0-test", "2025-01-01T00:00:00Z",
                new RecommendationReport.Zoo("/data/zoo/zoo.csv", "ab".repeat(32), 8),
                new RecommendationReport.Images("/data/pets", 120, 3, 60, 20,
                        List.of("/data/pets: skipped 1 file that is not an image (a/notes.txt)")),
                new RecommendationReport.RecommenderInfo("embedded default", "factorization-machine", settings, 42,
                        "transfergraph_image.csv", "cd".repeat(32), 2254, List.of("dataset", "model", "score_logme:zscore")),
                "cpu", List.of(new RecommendationReport.Timing("features", 12.5), new RecommendationReport.Timing("total", 13.1)),
                List.of("model resnet50: features cached, up to date"));
        return new RecommendationReport("pets", c, List.of("logme", "reg_hscore"), 3, t, run);
    }

    public static EvaluationReport evaluation(boolean learningCurve) {
        String[] datasets = {"cifar100", "dtd", "flowers", "pets", "<svhn>"};
        List<EvaluationReport.DatasetMetrics> per = new ArrayList<>();
        for (int d = 0; d < datasets.length; d++) {
            per.add(new EvaluationReport.DatasetMetrics("factorization-machine", datasets[d], null, 12,
                    0.5 + 0.08 * d, 0.3 + 0.1 * d, 0.05 - 0.01 * d));
            per.add(new EvaluationReport.DatasetMetrics("popularity", datasets[d], null, 12, 0.4, d == 2 ? Double.NaN : 0.2,
                    0.06));
        }
        List<EvaluationReport.CurvePoint> curve = new ArrayList<>();
        if (learningCurve) {
            for (double f : new double[] {0.1, 0.3, 0.5, 1.0}) {
                curve.add(new EvaluationReport.CurvePoint("factorization-machine", f, 200 * f, 0.3 + 0.4 * f, 0.2 + 0.4 * f,
                        0.1 - 0.06 * f));
                curve.add(new EvaluationReport.CurvePoint("popularity", f, 200 * f, 0.35, 0.22, 0.07));
            }
        }
        List<String> models = new ArrayList<>();
        for (int m = 0; m < 14; m++) {
            models.add("model_" + m);
        }
        List<EvaluationReport.Cell> cells = new ArrayList<>();
        for (int d = 0; d < datasets.length; d++) {
            for (int m = 0; m < models.size(); m++) {
                if ((d + m) % 4 != 3) {
                    cells.add(new EvaluationReport.Cell(datasets[d], models.get(m), 1 + (m % 2), 0.5 + 0.03 * m - 0.02 * d));
                }
            }
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> std = new LinkedHashMap<>();
        for (String k : List.of("pearson", "spearman", "kendall", "weighted_tau", "weighted_tau_rank_none", "regret", "hit_at_k")) {
            mean.put(k, 0.5);
            std.put(k, 0.1);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("split seed", "0");
        return new EvaluationReport(learningCurve ? "learning-curve" : "leave-one-dataset-out", 3,
                List.of(new EvaluationReport.Summary("factorization-machine", false, mean, std),
                        new EvaluationReport.Summary("popularity", true, mean, std)),
                per, curve, new EvaluationReport.Coverage(List.of(datasets), models, cells),
                new EvaluationReport.History("history.csv", "ef".repeat(32), 300, List.of("dataset", "model")), settings,
                "10 fits, 1.2 s training, 1.5 s in all", "0.1.0-test", "2025-01-01T00:00:00Z",
                List.of(new EvaluationReport.PairedDifference("kendall", 4, 0.22, 0.08, 0.37, "paired bootstrap"),
                        new EvaluationReport.PairedDifference("regret", 5, -0.03, -0.05, 0.004, "paired bootstrap")),
                learningCurve ? List.of() : List.of(new EvaluationReport.AutoChoice("cifar100", "fm"),
                        new EvaluationReport.AutoChoice("dtd", "lr"), new EvaluationReport.AutoChoice("flowers", "fm"),
                        new EvaluationReport.AutoChoice("pets", "fm"), new EvaluationReport.AutoChoice("<svhn>", "popularity")));
    }
}
