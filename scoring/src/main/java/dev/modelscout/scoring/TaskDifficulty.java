package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;

/**
 * Task difficulty, one of the paper's dataset fields ("if a task can be solved with a simple model, it is
 * relatively easy"): the cross-validated accuracy of a nearest-centroid probe on one reference backbone's
 * features of the target images. Higher is easier; the range is [0, 1].
 *
 * <p>The probe: features standardised with the training fold's per-dimension mean and standard deviation
 * (constant dimensions left unscaled), one centroid per class, each held-out image given the class of the
 * nearest centroid (squared Euclidean distance, the first class on ties). Folds are stratified and need no
 * seed: the r-th image of each class (in the given order) is in fold {@code r mod k}, with {@code k = min(5,
 * largest class)}. A class whose only images are held out has no centroid in that fold, so its images count as
 * errors, as they would for any classifier trained without them.
 */
public final class TaskDifficulty {

    /** The number of folds (fewer when the largest class has fewer images). */
    public static final int FOLDS = 5;

    private TaskDifficulty() {
    }

    /**
     * The probe's cross-validated accuracy.
     *
     * @throws ScoringException for fewer than 2 images or classes, mismatched lengths or non-finite features
     */
    public static double probeAccuracy(FeatureMatrix features, Labels labels) {
        Labels y = ScoreInputs.check("probe", features, labels);
        int n = features.rows();
        int c = y.numClasses();
        int[] fold = new int[n];
        int[] seen = new int[c];
        int largest = 0;
        for (int count : y.counts()) {
            largest = Math.max(largest, count);
        }
        int k = Math.min(FOLDS, largest);
        for (int i = 0; i < n; i++) {
            fold[i] = seen[y.ids()[i]]++ % k;
        }
        int correct = 0;
        for (int f = 0; f < k; f++) {
            correct += correctInFold(features, y, fold, f);
        }
        return ScoreInputs.finite("probe", correct / (double) n);
    }

    private static int correctInFold(FeatureMatrix x, Labels y, int[] fold, int f) {
        int n = x.rows();
        int d = x.cols();
        int c = y.numClasses();
        double[] data = x.data();
        double[] mean = new double[d];
        double[] sq = new double[d];
        int train = 0;
        for (int i = 0; i < n; i++) {
            if (fold[i] != f) {
                train++;
                for (int j = 0; j < d; j++) {
                    mean[j] += data[i * d + j];
                }
            }
        }
        if (train == 0) {
            return 0;
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= train;
        }
        double[][] centroid = new double[c][d];
        int[] members = new int[c];
        for (int i = 0; i < n; i++) {
            if (fold[i] != f) {
                int label = y.ids()[i];
                members[label]++;
                for (int j = 0; j < d; j++) {
                    double v = data[i * d + j] - mean[j];
                    sq[j] += v * v;
                    centroid[label][j] += data[i * d + j];
                }
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(sq[j] / train);
            scale[j] = std > 1e-12 ? 1 / std : 1;
        }
        for (int label = 0; label < c; label++) {
            for (int j = 0; j < d && members[label] > 0; j++) {
                centroid[label][j] = (centroid[label][j] / members[label] - mean[j]) * scale[j];
            }
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (fold[i] != f) {
                continue;
            }
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int label = 0; label < c; label++) {
                if (members[label] == 0) {
                    continue;
                }
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double v = (data[i * d + j] - mean[j]) * scale[j] - centroid[label][j];
                    dist += v * v;
                }
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = label;
                }
            }
            if (best == y.ids()[i]) {
                correct++;
            }
        }
        return correct;
    }
}
