package dev.modelscout.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.core.Preprocessing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java side of {@code src/bench/finetune/compare.sh}: fine-tunes one TorchScript file on an image
 * folder, split with {@link ImageDataset#stratifiedSplit}, and writes the split as the two manifests
 * ({@code train.csv}, {@code val.csv}: absolute path, integer class id) that the PyTorch reference
 * ({@code torch_finetune.py}) reads, so both train on the same images. Prints one line per epoch and, last,
 * {@code RESULT {json}} ({@code --steps}: also every step's loss). Each epoch is timed in wall seconds and in
 * CPU seconds of the whole process; every step in wall seconds (from one step's end to the next's, so
 * waiting for a decoded batch counts; validation does not), whose minimum is the least disturbed by other
 * processes on a shared machine. Needs the PyTorch natives on the class path (the engine's test class path).
 *
 * <pre>
 * java -cp CLASSPATH dev.modelscout.engine.FineTuneBenchmark --weights m.pt --crop 64 --images DIR \
 *     --out DIR [--id ID] [--resize N] [--val-fraction 0.25] [--split-seed 0] [--epochs 2] [--lr 0.01] \
 *     [--batch-size 32] [--momentum 0.9] [--weight-decay 1e-4] [--seed 0] [--threads 0] [--workers 1] [--freeze] [--steps]
 * </pre>
 */
public final class FineTuneBenchmark {

    private FineTuneBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = parse(args);
        try {
            run(a);
        } catch (ModelScoutException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Map<String, String> a) throws IOException {
        int crop = Integer.parseInt(need(a, "crop"));
        int resize = a.containsKey("resize") ? Integer.parseInt(a.get("resize")) : (int) Math.round(crop / 0.875);
        Path weights = Path.of(need(a, "weights")).toAbsolutePath();
        String id = a.getOrDefault("id", weights.getFileName().toString().replaceFirst("\\.pt$", ""));
        Backbone backbone = new Backbone(id, null, null, new Preprocessing(resize, crop,
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, "RGB"), 0, null, null,
                weights.toString(), null);
        FineTuneOptions d = FineTuneOptions.defaults();
        FineTuneOptions options = d.withDevice(Device.parse(a.getOrDefault("device", "cpu")))
                .withEpochs(Integer.parseInt(a.getOrDefault("epochs", "2")))
                .withLearningRate(Double.parseDouble(a.getOrDefault("lr", String.valueOf(d.learningRate()))))
                .withBatchSize(Integer.parseInt(a.getOrDefault("batch-size", String.valueOf(d.batchSize()))))
                .withMomentum(Double.parseDouble(a.getOrDefault("momentum", String.valueOf(d.momentum()))))
                .withWeightDecay(Double.parseDouble(a.getOrDefault("weight-decay", String.valueOf(d.weightDecay()))))
                .withSeed(Long.parseLong(a.getOrDefault("seed", "0")))
                .withThreads(Integer.parseInt(a.getOrDefault("threads", "0")))
                .withWorkers(Integer.parseInt(a.getOrDefault("workers", "1")))
                .withFreezeBackbone(a.containsKey("freeze"));
        ImageDataset all = ImageDataset.open(Path.of(need(a, "images")));
        ImageDataset.Split split = all.stratifiedSplit(Double.parseDouble(a.getOrDefault("val-fraction", "0.25")),
                Long.parseLong(a.getOrDefault("split-seed", "0")));
        Path out = Path.of(need(a, "out"));
        writeManifest(out.resolve("train.csv"), split.train());
        writeManifest(out.resolve("val.csv"), split.val());
        boolean steps = a.containsKey("steps");
        List<Double> cpu = new ArrayList<>();
        List<Double> stepSeconds = new ArrayList<>();
        FineTuneListener listener = new FineTuneListener() {
            private long last;
            private long lastStep;

            @Override
            public void started(String modelId, int trainSize, int valSize, int epochs, int totalSteps) {
                last = cpuNanos();
                lastStep = System.nanoTime();
            }

            @Override
            public void stepped(int step, double loss) {
                long now = System.nanoTime();
                stepSeconds.add((now - lastStep) / 1e9);
                lastStep = now;
                if (steps) {
                    System.out.printf(Locale.ROOT, "step %d: loss %.7f%n", step, loss);
                }
            }

            @Override
            public void epochFinished(FineTuneEpoch e) {
                long now = cpuNanos();
                cpu.add((now - last) / 1e9);
                last = now;
                lastStep = System.nanoTime();
                stepSeconds.add(Double.NaN); // the validation pass is not a step
                System.out.printf(Locale.ROOT, "epoch %d: train loss %.6f, val loss %.6f, val acc %.4f, %.2f s "
                        + "(%.2f s CPU)%n", e.epoch(), e.trainLoss(), e.valLoss(), e.valAccuracy(), e.seconds(),
                        cpu.get(cpu.size() - 1));
            }

            @Override
            public void warn(String message) {
                System.err.println(message);
            }
        };
        FineTuneResult r = FineTuner.fineTune(backbone, split.train(), split.val(), options, listener);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("engine", "djl " + ai.djl.engine.Engine.getDjlVersion() + " pytorch "
                + PyTorchRuntime.engine().getVersion() + " (java " + System.getProperty("java.version") + ")");
        json.put("threads", r.protocol().threads());
        json.put("val_accuracy", r.valAccuracy());
        json.put("train_size", r.trainSize());
        json.put("val_size", r.valSize());
        json.put("seconds", r.seconds());
        json.put("train_mode", r.protocol().trainMode());
        List<Map<String, Object>> history = new ArrayList<>();
        for (FineTuneEpoch e : r.history()) {
            Map<String, Object> row = e.toMap();
            row.put("cpu_seconds", cpu.get(e.epoch() - 1));
            history.add(row);
        }
        json.put("history", history);
        json.put("step_seconds", stepSeconds.stream().filter(v -> !v.isNaN()).toList());
        json.put("protocol", r.protocol().toMap());
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(json));
    }

    /** CPU time of the whole process (every thread: compute, decoding, JIT, GC), in nanoseconds. */
    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** {@code path,label} rows: absolute path, integer class id (the dataset's). */
    static void writeManifest(Path file, ImageDataset d) throws IOException {
        StringBuilder sb = new StringBuilder("path,label\n");
        for (int i = 0; i < d.size(); i++) {
            String p = d.paths().get(i).toAbsolutePath().toString();
            if (p.contains(",") || p.contains("\"") || p.contains("\n")) {
                throw new IOException(p + ": a path with a comma, quote or newline cannot go in the manifest");
            }
            sb.append(p).append(',').append(d.labels()[i]).append('\n');
        }
        AtomicFiles.write(file, sb.toString());
    }

    private static String need(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) {
            System.err.println("usage: FineTuneBenchmark --weights M.pt --crop N --images DIR --out DIR [options]; "
                    + "missing --" + key);
            System.exit(2);
        }
        return v;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                System.err.println("unexpected argument: " + args[i]);
                System.exit(2);
            }
            String key = args[i].substring(2);
            if (key.equals("freeze") || key.equals("steps")) {
                a.put(key, "true");
            } else if (i + 1 < args.length) {
                a.put(key, args[++i]);
            } else {
                System.err.println("--" + key + " needs a value");
                System.exit(2);
            }
        }
        return a;
    }
}
