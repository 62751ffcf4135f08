package dev.modelscout.engine;

/**
 * Steele, Lea and Flood's SplitMix64 generator (the {@code java.util.SplittableRandom} mixer), written out
 * so that the PyTorch reference ({@code src/bench/finetune/torch_finetune.py}) draws exactly the same
 * numbers: the fine-tuning head's initial weights and the order of the mini-batches come from here, not
 * from an engine's generator, so both sides start from the same head and see the same batches.
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1): the top 53 bits over 2^53. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Fisher-Yates, from the last position down: {@code j = floor(nextDouble() * (i + 1))}. */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) (nextDouble() * (i + 1));
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
