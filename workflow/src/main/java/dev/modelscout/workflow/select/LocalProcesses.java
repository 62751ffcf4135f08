package dev.modelscout.workflow.select;

import dev.modelscout.core.Device;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.FineTuneOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code select --parallel P} on the local executor: each of a round's fine-tunes runs as its own
 * {@code modelscout finetune} process (the engine trains one network at a time per JVM: DJL's PyTorch gradient
 * collector is process-wide), up to P at once ({@link RoundFineTunes}), each with its share of the threads. The
 * child appends its job to the history itself, under the history's lock, and saves its weights where
 * {@code select} keeps them; its output goes to {@code DIR/logs/<model>.log}. A child still running when this JVM
 * shuts down (Ctrl-C, a kill that lets it) is ended with it, so a rerun never races a leftover fine-tune.
 */
final class LocalProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private LocalProcesses() {
    }

    /**
     * The {@code finetune} command of {@code model}: {@code launcher} (how to start modelscout) followed by the
     * options that make the child fine-tune as {@code select} would in process.
     */
    static List<String> command(List<String> launcher, SelectRun.Request r, String model, List<String> scores,
                                int threads, Path weights) {
        FineTuneOptions o = r.options();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("--device", device(o.device()), "finetune", "--zoo", r.zoo().toString(), "--model", model,
                "--images", r.images().toString(), "--dataset-id", r.datasetId(), "--history", r.history().toString(),
                "--save", weights.toString(), "--cache", r.cacheDir().resolve("finetune").toString(),
                "--scores", scores.isEmpty() ? "none" : String.join(",", scores),
                "--epochs", Integer.toString(o.epochs()), "--lr", Double.toString(o.learningRate()),
                "--batch-size", Integer.toString(o.batchSize()), "--seed", Long.toString(o.seed()),
                "--threads", Integer.toString(threads), "--val-fraction", Double.toString(r.valFraction())));
        if (r.perClass() > 0) {
            cmd.addAll(List.of("--per-class", Integer.toString(r.perClass())));
        }
        if (o.freezeBackbone()) {
            cmd.add("--freeze-backbone");
        }
        return cmd;
    }

    static String device(Device d) {
        return switch (d.kind()) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> "cuda:" + d.index();
        };
    }

    /** The log of {@code model}'s child: its command on the first line, then what it printed. */
    static Path log(Path outDir, String model) {
        return outDir.resolve("logs").resolve(model.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
    }

    /**
     * Runs {@code cmd}, its output to {@code log}, and waits for it; creates {@code folders} first (those above
     * its outputs: the child, as every command, creates none).
     *
     * @throws ModelScoutException when it cannot start or exits with an error (naming its log and last line)
     */
    static void run(String model, List<String> cmd, Path log, Path... folders) {
        try {
            for (Path f : folders) {
                Files.createDirectories(f);
            }
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelScoutException(log + ": cannot write: " + IoErrors.reason(e), e);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ModelScoutException("fine-tune of " + model + ": cannot start " + cmd.get(0) + ": "
                    + IoErrors.reason(e), e);
        }
        if (!HOOKED.getAndSet(true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroy), "select-children"));
        }
        RUNNING.add(p);
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                throw new ModelScoutException(String.format(Locale.ROOT, "fine-tune of %s failed (exit %d): %s (log: %s)",
                        model, rc, lastLine(log), log));
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new ModelScoutException("interrupted while fine-tuning " + model);
        } finally {
            RUNNING.remove(p);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            for (int i = lines.size() - 1; i > 0; i--) {
                if (lines.get(i).startsWith("error:")) {
                    return lines.get(i).strip();
                }
            }
            return lines.size() <= 1 ? "no output" : lines.get(lines.size() - 1).strip();
        } catch (IOException | RuntimeException e) {
            return "no log";
        }
    }
}
