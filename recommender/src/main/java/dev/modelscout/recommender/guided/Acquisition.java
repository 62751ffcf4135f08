package dev.modelscout.recommender.guided;

/**
 * How the loop chooses the next backbone, from the predictive distribution of each untried one (a normal with
 * mean m and deviation s) and the best accuracy found so far f: <b>expected improvement</b>
 * E[max(0, y - f)] = (m - f) Phi(z) + s phi(z), z = (m - f) / s (Jones, Schonlau and Welch 1998). It trades
 * the predicted accuracy against the uncertainty: a backbone that is probably a bit worse than the best found
 * but could be much better is worth trying; one that is surely worse is not. Before any job is observed there is
 * no f: the highest predicted mean goes first.
 */
public final class Acquisition {

    private Acquisition() {
    }

    /** E[max(0, y - best)] for y ~ N(mean, sd^2). */
    public static double expectedImprovement(double mean, double sd, double best) {
        if (sd <= 0) {
            return Math.max(0, mean - best);
        }
        double z = (mean - best) / sd;
        return (mean - best) * Normal.cdf(z) + sd * Normal.pdf(z);
    }

    /** P(y > best + eps) for y ~ N(mean, sd^2). */
    public static double probabilityOfBeating(double mean, double sd, double best, double eps) {
        if (sd <= 0) {
            return mean > best + eps ? 1 : 0;
        }
        return 1 - Normal.cdf((best + eps - mean) / sd);
    }
}
