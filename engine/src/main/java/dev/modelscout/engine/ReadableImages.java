package dev.modelscout.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The images of a dataset that decode, found by decoding each once: the rule every command applies to a folder
 * (unreadable images skipped with one note, fatal with {@code --strict}) for those that read every image many
 * times, as a fine-tuning does each epoch, and so cannot skip a file half way through. A feature extraction finds
 * unreadable images as it goes ({@link FeatureExtractor}) and needs no scan first.
 */
public final class ReadableImages {

    /**
     * @param dataset the images that decode, in dataset order, with every class name kept
     * @param skipped the images that do not, as {@code path: reason}, in dataset order
     */
    public record Result(ImageDataset dataset, List<String> skipped) {

        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    private ReadableImages() {
    }

    /**
     * Decodes every image of {@code data} on {@code workers} threads.
     *
     * @param strict fail on the first unreadable image (in dataset order) instead of skipping it
     * @throws ExtractionException with {@code strict} on an unreadable image ({@code path: reason (--strict)}), or
     *                             when no image decodes
     */
    public static Result of(ImageDataset data, int workers, boolean strict) {
        int n = data.size();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "modelscout-scan-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Integer> drop = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            List<Future<?>> decoded = new ArrayList<>(n);
            for (Path p : data.paths()) {
                decoded.add(pool.submit(() -> {
                    ImageDecoder.decode(p);
                    return null;
                }));
            }
            for (int i = 0; i < n; i++) {
                try {
                    decoded.get(i).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (cause instanceof Error error) {
                        throw error; // out of memory, a broken JVM: not a property of the file
                    }
                    String line = data.paths().get(i) + ": " + BackboneModel.firstLine(cause);
                    if (strict) {
                        throw new ExtractionException(line + " (--strict)", cause);
                    }
                    drop.add(i);
                    skipped.add(line);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException(data.source() + ": interrupted while reading the images", e);
        } finally {
            pool.shutdownNow();
        }
        if (n > 0 && drop.size() == n) {
            throw new ExtractionException(data.source() + ": none of the " + n + " images could be read (first: "
                    + skipped.get(0) + ")");
        }
        return new Result(data.without(drop), skipped);
    }
}
