package dev.modelscout.recommender.guided;

/** The standard normal distribution's density and distribution function (plain Java). */
final class Normal {

    private Normal() {
    }

    static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Phi(z), relative error below 1.2e-7 (erfc below). */
    static double cdf(double z) {
        if (z < -38) {
            return 0;
        }
        if (z > 38) {
            return 1;
        }
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** erfc by the Numerical Recipes Chebyshev fit (fractional error below 1.2e-7 everywhere). */
    private static double erfc(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : 2 - y;
    }
}
