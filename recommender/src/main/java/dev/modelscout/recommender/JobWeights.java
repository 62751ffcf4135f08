package dev.modelscout.recommender;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-job weights of the squared loss. */
final class JobWeights {

    private JobWeights() {
    }

    /** All ones. */
    static double[] uniform(List<Job> jobs) {
        double[] w = new double[jobs.size()];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    /**
     * Dataset-balanced: each job weighs 1 / (variance of its dataset's accuracies), so that a dataset with a
     * wide spread (e.g. many failed runs) does not dominate the fit; a dataset with fewer than 2 jobs or a
     * zero spread uses the overall variance. Rescaled to mean 1.
     */
    static double[] datasetBalanced(List<Job> jobs) {
        Map<String, double[]> s = new HashMap<>();
        double sum = 0;
        double sq = 0;
        for (Job j : jobs) {
            double[] a = s.computeIfAbsent(j.dataset(), k -> new double[3]);
            a[0]++;
            a[1] += j.accuracy();
            a[2] += j.accuracy() * j.accuracy();
            sum += j.accuracy();
            sq += j.accuracy() * j.accuracy();
        }
        int n = jobs.size();
        double overall = Math.max(1e-6, sq / n - (sum / n) * (sum / n));
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] a = s.get(jobs.get(i).dataset());
            double var = a[0] < 2 ? overall : a[2] / a[0] - (a[1] / a[0]) * (a[1] / a[0]);
            w[i] = 1.0 / (var > 1e-6 ? var : overall);
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] *= n / total;
        }
        return w;
    }
}
