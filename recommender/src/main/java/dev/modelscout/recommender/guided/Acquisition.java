package dev.modelscout.recommender.guided;

/**
 * How the loop chooses the next backbone, from the predictive distribution of each untried one (a normal with
 * mean m and deviation s) and the best accuracy found so far f: <b>expected improvement</b>
 * E[max(0, y - f)] (Jones, Schonlau and Welch 1998). It trades the predicted accuracy against the uncertainty: a
 * backbone that is probably a bit worse than the best found but could be much better is worth trying; one that is
 * surely worse is not. Before any job is observed there is no f: the highest predicted mean goes first.
 *
 * <p>An accuracy cannot exceed 1, so y is the normal clipped at 1 (its mass above 1 put at 1): the improvement is
 * E[max(0, min(y, 1) - f)] = EI(f) - EI(1), and the probability of beating f by eps is 0 when f + eps &gt; 1. Without
 * the bound a target whose best found is 0.995 kept every untried backbone "likely better by 0.01" (the normal's
 * tail above 1), so the stop rule never fired and the loop explored for nothing.
 */
public final class Acquisition {

    /** The highest accuracy. */
    static final double TOP = 1.0;

    private Acquisition() {
    }

    /** E[max(0, min(y, 1) - best)] for y ~ N(mean, sd^2). */
    public static double expectedImprovement(double mean, double sd, double best) {
        if (best >= TOP) {
            return 0;
        }
        return unbounded(mean, sd, best) - unbounded(mean, sd, TOP);
    }

    /** E[max(0, y - best)] for y ~ N(mean, sd^2): (m - f) Phi(z) + s phi(z), z = (m - f) / s. */
    static double unbounded(double mean, double sd, double best) {
        if (sd <= 0) {
            return Math.max(0, mean - best);
        }
        double z = (mean - best) / sd;
        return (mean - best) * Normal.cdf(z) + sd * Normal.pdf(z);
    }

    /** P(min(y, 1) &gt; best + eps) for y ~ N(mean, sd^2): 0 when best + eps &gt;= 1. */
    public static double probabilityOfBeating(double mean, double sd, double best, double eps) {
        double bar = best + eps;
        if (bar >= TOP) {
            return 0;
        }
        if (sd <= 0) {
            return mean > bar ? 1 : 0;
        }
        return 1 - Normal.cdf((bar - mean) / sd);
    }
}
