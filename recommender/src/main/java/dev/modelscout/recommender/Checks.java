package dev.modelscout.recommender;

/** Checks of a loaded recommender's parameters (each model record calls them in its constructor). */
final class Checks {

    private Checks() {
    }

    static void finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + ": " + value + " is not a finite number");
        }
    }

    static void finite(String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "]: " + values[i] + " is not a finite number");
            }
        }
    }
}
