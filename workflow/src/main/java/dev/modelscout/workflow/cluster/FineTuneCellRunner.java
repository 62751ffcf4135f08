package dev.modelscout.workflow.cluster;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.FineTuneEpoch;
import dev.modelscout.engine.FineTuneListener;
import dev.modelscout.engine.FineTuneResult;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.scoring.Scores;
import dev.modelscout.workflow.finetune.FineTuneRun;
import dev.modelscout.workflow.finetune.FineTuneSettings;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fine-tuning cells: one {@code modelscout finetune} run per cell ({@link FineTuneRun}: the seeded stratified
 * train / validation split, the planned scores of the backbone's features on the training part, the fine-tuning
 * run, the history row with the validation accuracy). The training part's features are cached in
 * {@code CACHE/<dataset>/finetune-train}, apart from the score cells' features of the whole dataset.
 */
final class FineTuneCellRunner implements CellRunner {

    private final Device requested;
    private final PrintWriter err;
    private final ExtractionListener extractionProgress;
    private Device resolved;

    FineTuneCellRunner(Device requested, PrintWriter err, ExtractionListener extractionProgress) {
        this.requested = requested;
        this.err = err;
        this.extractionProgress = extractionProgress;
    }

    @Override
    public CellOutcome run(Cell cell, CellInputs in) {
        CellOptions o = cell.options();
        FineTuneSettings s = o.finetune() != null ? o.finetune() : FineTuneSettings.defaults();
        java.nio.file.Path valDir = s.validation() == null ? null
                : java.nio.file.Path.of(s.validation()).resolve(in.dataset().id());
        FineTuneRun.Request request = new FineTuneRun.Request(in.zoo(), cell.model(), in.images(), valDir,
                in.dataset().id(), o.perClass(), s, new FineTuneRun.Compute(device(), o.threads(), o.batchSize(),
                o.strict()), Scores.of(o.scores(), Scores.Options.defaults(), false), in.cacheDir().resolve("finetune-train"));
        long t0 = System.nanoTime();
        FineTuneRun.Outcome out = FineTuneRun.run(request, extractionProgress, progress(), null);
        FineTuneResult r = out.result();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("finetune_s", r.seconds());
        timings.put("seconds_per_epoch", r.secondsPerEpoch());
        timings.put("cell_s", (System.nanoTime() - t0) / 1e9);
        Map<String, Object> finetune = new LinkedHashMap<>();
        finetune.put("val_accuracy", r.valAccuracy());
        finetune.put("train_size", r.trainSize());
        finetune.put("val_size", r.valSize());
        finetune.put("num_classes", r.numClasses());
        finetune.put("protocol", r.protocol().toMap());
        List<Map<String, Object>> epochs = r.history().stream().map(FineTuneRun::epochFields).toList();
        finetune.put("epochs", epochs);
        return new CellOutcome(out.scores(), r.valAccuracy(), out.row(), timings, r.device().toString(),
                Map.of("finetune", finetune));
    }

    private FineTuneListener progress() {
        return new FineTuneListener() {
            @Override
            public void epochFinished(FineTuneEpoch e) {
                err.printf(Locale.ROOT, "epoch %d: train loss %.4f, val acc %.4f (%.1f s)%n", e.epoch(), e.trainLoss(),
                        e.valAccuracy(), e.seconds());
                err.flush();
            }

            @Override
            public void warn(String message) {
                err.println(message);
                err.flush();
            }
        };
    }

    /** The device, resolved once (auto: CUDA when usable, else the CPU; a warning only from a CUDA build). */
    private Device device() {
        if (resolved == null) {
            resolved = PyTorchRuntime.resolve(requested, m -> {
                err.println(m);
                err.flush();
            });
        }
        return resolved;
    }
}
