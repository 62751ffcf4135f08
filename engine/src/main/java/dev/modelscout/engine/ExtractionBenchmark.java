package dev.modelscout.engine;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Speed measurements behind {@code modelscout bench extract}: forward-pass throughput of a backbone on
 * random input (what PyTorch itself is compared against, see src/bench/torch_throughput.py), and
 * decode + preprocess throughput on real image files alone.
 */
public final class ExtractionBenchmark {

    /** Images per second over {@code batches} timed batches, after {@code warmup} untimed ones. */
    public record Throughput(String what, int images, double seconds) {
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    private ExtractionBenchmark() {
    }

    /** Forward passes of {@code batchSize} random images (fixed seed), with the options' device and threads. */
    public static Throughput forward(Backbone backbone, ExtractionOptions options, int warmup, int batches) {
        try (FeatureExtractor fx = FeatureExtractor.open(backbone, options)) {
            BackboneModel model = fx.model();
            int per = 3 * backbone.inputSize() * backbone.inputSize();
            int n = options.batchSize();
            float[] input = new float[n * per];
            Random r = new Random(42);
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < warmup; i++) {
                model.forward(input, n);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                model.forward(input, n);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return new Throughput("forward " + backbone.id() + " batch " + n, n * batches, s);
        }
    }

    /** Decode + preprocess of every image of {@code data} on {@code workers} threads (no network). */
    public static Throughput decode(ImageDataset data, Preprocessing recipe, int workers) {
        ImagePreprocessor pre = new ImagePreprocessor(recipe);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long t0 = System.nanoTime();
            List<Future<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int start = w;
                tasks.add(pool.submit(() -> {
                    float[] buf = new float[pre.size()];
                    int ok = 0;
                    for (int i = start; i < data.size(); i += workers) {
                        Path p = data.paths().get(i);
                        try {
                            pre.apply(ImageDecoder.decode(p), buf, 0);
                            ok++;
                        } catch (IOException e) {
                            // unreadable images are not counted
                        }
                    }
                    return ok;
                }));
            }
            int done = 0;
            for (Future<Integer> f : tasks) {
                done += f.get();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return new Throughput("decode+preprocess " + recipe.crop() + "px, " + workers + " thread(s)", done, s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException("benchmark interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ExtractionException("decode benchmark failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
