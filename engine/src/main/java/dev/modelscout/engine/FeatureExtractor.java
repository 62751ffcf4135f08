package dev.modelscout.engine;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Extracts penultimate-layer features of one backbone: images are decoded and preprocessed on worker
 * threads (up to two batches ahead) while the device runs batched forward passes. Unreadable images are
 * skipped and reported (or fail the run with {@code strict}).
 */
public final class FeatureExtractor implements AutoCloseable {

    /** Batches decoded ahead of the one being computed. */
    private static final int PREFETCH = 2;

    private final BackboneModel model;
    private final ExtractionOptions options;
    private final ImagePreprocessor preprocessor;

    private FeatureExtractor(BackboneModel model, ExtractionOptions options) {
        this.model = model;
        this.options = options;
        this.preprocessor = new ImagePreprocessor(model.backbone().preprocessing());
    }

    /**
     * Loads the backbone (weights locations must be absolute: see {@code BackboneCatalog.resolved}) and
     * checks it against its entry: checksum, and a feature vector of the stated dimension.
     */
    public static FeatureExtractor open(Backbone backbone, ExtractionOptions options) {
        PyTorchRuntime.engine();
        if (options.computeThreads() > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(options.computeThreads());
        }
        return new FeatureExtractor(BackboneModel.load(backbone, options.device(), options.online(), true), options);
    }

    BackboneModel model() {
        return model;
    }

    public Backbone backbone() {
        return model.backbone();
    }

    public int featureDim() {
        return model.featureDim();
    }

    /** What identifies the weights in the cache: see {@link FeatureExtraction#weightsIdentity(Backbone)}. */
    public String checksum() {
        return model.checksum();
    }

    /** Features of every readable image of {@code data}. */
    public ExtractedFeatures extract(ImageDataset data, ExtractionListener listener) {
        String id = model.backbone().id();
        int n = data.size();
        int per = preprocessor.size();
        int d = model.featureDim();
        AdaptiveForward forward = new AdaptiveForward(id, model::forward, model.device().isCuda(),
                options.batchSize(), listener::warn);
        float[] all = new float[n * d];
        boolean[] ok = new boolean[n];
        List<String> skipped = new ArrayList<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "modelscout-decode-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        listener.started(id, n);
        try {
            Deque<Pending> ahead = new ArrayDeque<>();
            int next = 0;
            int bs = options.batchSize();
            while (next < n && ahead.size() <= PREFETCH) {
                ahead.add(submit(pool, data, next, Math.min(bs, n - next)));
                next += Math.min(bs, n - next);
            }
            while (!ahead.isEmpty()) {
                // An interrupted thread (a stopping shard, a recommend that failed on an earlier backbone) stops here,
                // within one batch, whoever listens: the features are no longer needed.
                if (Thread.currentThread().isInterrupted()) {
                    throw ExtractionException.of(id, "stopped: its thread was interrupted (the "
                            + "features are no longer needed)");
                }
                Pending p = ahead.poll();
                int[] rows = new int[p.count];
                int k = 0;
                for (int i = 0; i < p.count; i++) {
                    try {
                        p.tasks.get(i).get();
                        if (k != i) {
                            System.arraycopy(p.buffer, i * per, p.buffer, k * per, per);
                        }
                        rows[k++] = p.start + i;
                    } catch (ExecutionException e) {
                        Path path = data.paths().get(p.start + i);
                        String reason = e.getCause() == null ? e.toString() : BackboneModel.firstLine(e.getCause());
                        if (options.strict()) {
                            throw new ExtractionException(path + ": " + reason + " (--strict)", e.getCause());
                        }
                        skipped.add(path + ": " + reason);
                    }
                }
                if (next < n) {
                    int m = Math.min(bs, n - next);
                    ahead.add(submit(pool, data, next, m));
                    next += m;
                }
                if (k > 0) {
                    float[] out = forward.forward(p.buffer, k, per);
                    if (out.length != k * d) {
                        throw ExtractionException.of(id, "returned " + out.length + " values for " + k
                                + " images, expected " + k + " x " + d);
                    }
                    for (int j = 0; j < k; j++) {
                        System.arraycopy(out, j * d, all, rows[j] * d, d);
                        ok[rows[j]] = true;
                    }
                }
                for (String w; (w = decodeWarnings.poll()) != null; ) {
                    listener.warn("warning: " + w);
                }
                listener.advanced(p.count);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExtractionException.of(id, "interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        listener.finished(id);
        int kept = 0;
        for (boolean b : ok) {
            kept += b ? 1 : 0;
        }
        if (kept == 0) {
            throw new ExtractionException(data.source() + ": none of the " + n + " images could be read (first: "
                    + (skipped.isEmpty() ? "?" : skipped.get(0)) + ")");
        }
        if (!skipped.isEmpty()) {
            listener.skipped(id, List.copyOf(skipped));
        }
        float[] rowsOut = new float[kept * d];
        int[] labels = new int[kept];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (ok[i]) {
                System.arraycopy(all, i * d, rowsOut, r * d, d);
                labels[r++] = data.labels()[i];
            }
        }
        Labels l = new Labels(labels, data.classNames());
        int[] counts = l.counts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new ExtractionException(data.source() + ": class '" + data.classNames().get(c)
                        + "' has no readable images left");
            }
        }
        FeatureMatrix m = FeatureMatrix.ofFloats(kept, d, rowsOut);
        long bad = m.firstNonFinite();
        if (bad >= 0) {
            throw ExtractionException.of(id, "feature " + (bad % d) + " of image "
                    + data.paths().get((int) (bad / d)) + " is not finite");
        }
        return new ExtractedFeatures(id, m, l, skipped, false);
    }

    /** The decoder's warnings, heard on the pool's threads and told to the listener on the caller's. */
    private final java.util.Queue<String> decodeWarnings = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private Pending submit(ExecutorService pool, ImageDataset data, int start, int count) {
        int per = preprocessor.size();
        float[] buffer = new float[count * per];
        List<Future<?>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path path = data.paths().get(start + i);
            int slot = i;
            tasks.add(preprocessor.decodeInto(pool, path, buffer, slot * per,
                    e -> new ExtractionException(e.getMessage(), e), decodeWarnings::add));
        }
        return new Pending(start, count, buffer, tasks);
    }

    private record Pending(int start, int count, float[] buffer, List<Future<?>> tasks) {
    }

    @Override
    public void close() {
        model.close();
    }
}
