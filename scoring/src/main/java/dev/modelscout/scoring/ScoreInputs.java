package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation shared by all scores. Every check throws {@link ScoringException} with a one-line message;
 * nothing here returns NaN or silently repairs data, except that classes without images are dropped
 * (ids are renumbered to stay contiguous).
 */
public final class ScoreInputs {

    /** How far a row of P may sum from 1 (float32 softmax outputs are off by about 1e-6). */
    public static final double PROBABILITY_SUM_TOLERANCE = 1e-3;

    private ScoreInputs() {
    }

    /**
     * Checks F and y together and returns labels whose every class has at least one image.
     *
     * @throws ScoringException when N &lt; 2, lengths differ, F has NaN/Inf, D = 0 or fewer than 2 classes occur
     */
    public static Labels check(String score, FeatureMatrix f, Labels y) {
        if (f == null || y == null) {
            throw new ScoringException(score + ": features and labels are required");
        }
        if (y.size() != f.rows()) {
            throw new ScoringException(score + ": " + y.size() + " labels for " + f.rows() + " feature rows");
        }
        if (f.rows() < 2) {
            throw new UndefinedScoreException(score + ": needs at least 2 images, got " + f.rows());
        }
        if (f.cols() < 1) {
            throw new ScoringException(score + ": features have no dimensions");
        }
        long bad = f.firstNonFinite();
        if (bad >= 0) {
            throw new ScoringException(score + ": feature value at row " + bad / f.cols() + ", column "
                    + bad % f.cols() + " is " + f.data()[(int) bad] + " (features must be finite)");
        }
        Labels compact = compact(y);
        if (compact.numClasses() < 2) {
            throw new UndefinedScoreException(score + ": needs at least 2 classes, all " + f.rows()
                    + " images have label " + y.classNames().get(y.ids()[0]));
        }
        return compact;
    }

    /**
     * For scores that need only labels and P: checks F with the labels when F is given, else the labels
     * alone (at least 2 images, at least 2 classes).
     */
    public static Labels checkLabels(String score, FeatureMatrix f, Labels y) {
        if (f != null) {
            return check(score, f, y);
        }
        if (y == null || y.size() < 2) {
            throw new UndefinedScoreException(score + ": needs at least 2 images, got " + (y == null ? 0 : y.size()));
        }
        Labels compact = compact(y);
        if (compact.numClasses() < 2) {
            throw new UndefinedScoreException(score + ": needs at least 2 classes, all " + y.size()
                    + " images have label " + y.classNames().get(y.ids()[0]));
        }
        return compact;
    }

    /** Checks P against N: shape N x Cs (Cs &gt;= 1), finite, non-negative, rows summing to 1. */
    public static void checkProbabilities(String score, FeatureMatrix p, int n) {
        if (p == null) {
            throw new ScoringException(score + ": needs the source model's class probabilities (--probs)");
        }
        if (p.rows() != n) {
            throw new ScoringException(score + ": probabilities have " + p.rows() + " rows for " + n + " labels");
        }
        if (p.cols() < 1) {
            throw new ScoringException(score + ": probabilities have no columns");
        }
        int cs = p.cols();
        double[] a = p.data();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < cs; j++) {
                double v = a[i * cs + j];
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new ScoringException(score + ": probability at row " + i + ", column " + j + " is " + v
                            + " (must be finite and >= 0)");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                throw new ScoringException(score + ": probabilities of row " + i + " sum to " + sum
                        + ", not 1 (pass softmax outputs, not logits)");
            }
        }
    }

    /** Drops classes that have no image, renumbering the rest in their original order. */
    static Labels compact(Labels y) {
        int[] counts = y.counts();
        int[] map = new int[counts.length];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            map[c] = counts[c] > 0 ? names.size() : -1;
            if (counts[c] > 0) {
                names.add(y.classNames().get(c));
            }
        }
        if (names.size() == counts.length) {
            return y;
        }
        int[] ids = new int[y.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = map[y.ids()[i]];
        }
        return new Labels(ids, names);
    }

    /** A finite result or a ScoringException naming the score: the last guard against NaN. */
    static double finite(String score, double value) {
        if (!Double.isFinite(value)) {
            throw new UndefinedScoreException(score + ": undefined on this input (computed " + value + ")");
        }
        return value;
    }
}
