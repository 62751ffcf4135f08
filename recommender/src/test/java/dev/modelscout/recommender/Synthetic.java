package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic history with a planted signal: accuracy = dataset base + family effect + 0.04 * log(params)
 * + interaction (dataset log-size x family slope) + small noise; about 10% of pairs missing.
 */
final class Synthetic {

    private Synthetic() {
    }

    static TrainingHistory plantedSignal(long seed) {
        Random r = new Random(seed);
        int datasets = 12;
        int models = 60;
        String[] families = {"resnet", "vit", "convnext", "mobilenet", "deit"};
        double[] familyEffect = {0.0, 0.05, 0.04, -0.06, 0.02};
        double[] familySlope = {0.0, 0.03, 0.01, -0.02, 0.02};
        List<Job> jobs = new ArrayList<>();
        List<String> cols = List.of("dataset", "dataset_size", "num_classes", "model", "arch_family", "params_m",
                "accuracy");
        int line = 2;
        double[] params = new double[models];
        int[] fam = new int[models];
        for (int m = 0; m < models; m++) {
            fam[m] = m % families.length;
            params[m] = Math.exp(1 + 4 * r.nextDouble());
        }
        for (int d = 0; d < datasets; d++) {
            double size = Math.exp(7 + 4 * r.nextDouble());
            double z = (Math.log(size) - 9) / 1.2;
            double base = 0.6 + 0.2 * r.nextDouble();
            for (int m = 0; m < models; m++) {
                if (r.nextDouble() < 0.1) {
                    continue;
                }
                double acc = base + familyEffect[fam[m]] + 0.04 * Math.log(params[m]) + familySlope[fam[m]] * z * 2
                        + 0.005 * r.nextGaussian();
                acc = Math.max(0, Math.min(1, acc));
                Map<String, String> c = new LinkedHashMap<>();
                c.put("dataset", "ds" + d);
                c.put("dataset_size", Long.toString(Math.round(size)));
                c.put("num_classes", Integer.toString(10 + 7 * d));
                c.put("model", "model" + m);
                c.put("arch_family", families[fam[m]]);
                c.put("params_m", String.format(java.util.Locale.ROOT, "%.3f", params[m]));
                c.put("accuracy", Double.toString(acc));
                jobs.add(new Job("synthetic", line++, "ds" + d, "model" + m, acc, c));
            }
        }
        return TrainingHistory.of("synthetic", cols, jobs);
    }
}
