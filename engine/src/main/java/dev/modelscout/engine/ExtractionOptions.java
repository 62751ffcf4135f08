package dev.modelscout.engine;

import dev.modelscout.core.Device;

/**
 * How to extract features.
 *
 * @param device         where the network runs ({@code auto}: CUDA when usable, else the CPU)
 * @param batchSize      images per forward pass (on CUDA halved automatically after an out-of-memory error)
 * @param workers        threads that decode and preprocess images while the device computes
 * @param computeThreads PyTorch intra-op threads, or 0 for PyTorch's default (one per core)
 * @param strict         fail on the first unreadable image instead of skipping it with a warning
 * @param online         allow {@code djl://} model-zoo URLs to download weights
 */
public record ExtractionOptions(Device device, int batchSize, int workers, int computeThreads, boolean strict,
                                boolean online) {

    public ExtractionOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("decode workers must be >= 1, got " + workers);
        }
        if (computeThreads < 0) {
            throw new IllegalArgumentException("compute threads must be >= 0, got " + computeThreads);
        }
    }

    /** auto device, batch 32, half the cores (1..8) decoding, PyTorch's thread default, lenient, offline. */
    public static ExtractionOptions defaults() {
        int workers = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2));
        return new ExtractionOptions(Device.AUTO, 32, workers, 0, false, false);
    }

    public ExtractionOptions withDevice(Device d) {
        return new ExtractionOptions(d, batchSize, workers, computeThreads, strict, online);
    }

    public ExtractionOptions withBatchSize(int b) {
        return new ExtractionOptions(device, b, workers, computeThreads, strict, online);
    }

    public ExtractionOptions withWorkers(int w) {
        return new ExtractionOptions(device, batchSize, w, computeThreads, strict, online);
    }

    public ExtractionOptions withComputeThreads(int t) {
        return new ExtractionOptions(device, batchSize, workers, t, strict, online);
    }

    public ExtractionOptions withStrict(boolean s) {
        return new ExtractionOptions(device, batchSize, workers, computeThreads, s, online);
    }

    public ExtractionOptions withOnline(boolean o) {
        return new ExtractionOptions(device, batchSize, workers, computeThreads, strict, o);
    }
}
