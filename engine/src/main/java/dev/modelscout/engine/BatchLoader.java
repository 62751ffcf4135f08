package dev.modelscout.engine;

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
 * Decodes and preprocesses mini-batches of a dataset in a given order on worker threads, up to
 * {@link #AHEAD} batches ahead of the one the caller is computing on. Every image is decoded afresh each
 * time (no augmentation, so each decode gives the same floats); an unreadable image fails the run.
 */
final class BatchLoader implements AutoCloseable {

    /** Batches decoded ahead of the one being computed. */
    static final int AHEAD = 2;

    /** One decoded batch: {@code size} images of {@code per} floats each, and their class ids. */
    record Batch(float[] pixels, int[] labels, int size) {
    }

    private final ImageDataset data;
    private final ImagePreprocessor preprocessor;
    private final ExecutorService pool;

    BatchLoader(ImageDataset data, ImagePreprocessor preprocessor, int workers) {
        this.data = data;
        this.preprocessor = preprocessor;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "modelscout-finetune-decode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The batches of {@code order} (indices into the dataset), {@code batchSize} at a time, in order. */
    Pass pass(int[] order, int batchSize) {
        return new Pass(order, batchSize);
    }

    /** One pass over an order of images. */
    final class Pass {
        private final int[] order;
        private final int batchSize;
        private final Deque<Pending> ahead = new ArrayDeque<>();
        private int next;

        private Pass(int[] order, int batchSize) {
            this.order = order;
            this.batchSize = batchSize;
            while (next < order.length && ahead.size() <= AHEAD) {
                submitNext();
            }
        }

        int batches() {
            return (order.length + batchSize - 1) / batchSize;
        }

        boolean hasNext() {
            return !ahead.isEmpty();
        }

        Batch next() {
            Pending p = ahead.poll();
            if (next < order.length) {
                submitNext();
            }
            for (int i = 0; i < p.tasks.size(); i++) {
                try {
                    p.tasks.get(i).get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause() == null ? e : e.getCause();
                    throw new FineTuneException(data.paths().get(p.rows[i]) + ": " + BackboneModel.firstLine(c), c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FineTuneException("interrupted while decoding " + data.paths().get(p.rows[i]), e);
                }
            }
            int[] labels = new int[p.rows.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data.labels()[p.rows[i]];
            }
            return new Batch(p.pixels, labels, p.rows.length);
        }

        private void submitNext() {
            int n = Math.min(batchSize, order.length - next);
            int[] rows = new int[n];
            System.arraycopy(order, next, rows, 0, n);
            next += n;
            int per = preprocessor.size();
            float[] pixels = new float[n * per];
            List<Future<?>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Path path = data.paths().get(rows[i]);
                int slot = i;
                tasks.add(preprocessor.decodeInto(pool, path, pixels, slot * per,
                        e -> new FineTuneException(e.getMessage(), e)));
            }
            ahead.add(new Pending(rows, pixels, tasks));
        }
    }

    private record Pending(int[] rows, float[] pixels, List<Future<?>> tasks) {
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
