package dev.modelscout.engine;

/**
 * Cosine decay of the learning rate, once per optimizer step, from {@code base} at step 0 towards 0 at
 * step {@code steps} (never reached: the last step runs at a small positive rate), without warm-up:
 * {@code lr(t) = base * (1 + cos(pi * t / steps)) / 2}. PyTorch's {@code CosineAnnealingLR(T_max = steps,
 * eta_min = 0)} stepped after every batch gives the same rates (up to rounding: it updates them recursively).
 */
record CosineSchedule(double base, int steps) {

    CosineSchedule {
        if (steps < 1) {
            throw new IllegalArgumentException("a schedule needs at least one step, got " + steps);
        }
    }

    /** The rate of step {@code t}, 0-based. */
    double rate(int t) {
        return base * 0.5 * (1 + Math.cos(Math.PI * t / steps));
    }
}
