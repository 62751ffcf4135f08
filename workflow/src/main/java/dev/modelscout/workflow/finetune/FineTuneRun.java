package dev.modelscout.workflow.finetune;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.FineTuneEpoch;
import dev.modelscout.engine.FineTuneListener;
import dev.modelscout.engine.FineTuneOptions;
import dev.modelscout.engine.FineTuneResult;
import dev.modelscout.engine.FineTuner;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.engine.ReadableImages;
import dev.modelscout.recommender.Candidates;
import dev.modelscout.recommender.DatasetFacts;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.TransferabilityScore;
import dev.modelscout.workflow.ImageFields;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fine-tuning job, composed: the catalog's backbone, the target images (subsampled, split into a seeded
 * stratified training and validation part, or a given validation folder), the transferability scores of the
 * backbone's features on the training part (what {@code recommend} computes for a candidate) with the image
 * fields (the probe on the reference backbone's features of the training part, the domain distance), the fine-tuning
 * run (engine), and the job as a row of the history schema with its accuracy. Shared by {@code finetune} and
 * cluster fine-tuning cells.
 */
public final class FineTuneRun {

    /**
     * What to run.
     *
     * @param valDir     a validation image folder with the same classes, or null to split {@code images} (with
     *                   the settings' validation share)
     * @param perClass   at most this many images per class (0: all), drawn with the settings' seed
     * @param settings   how to fine-tune (epochs, learning rate, ..., seed, validation share)
     * @param compute    where and with how many threads, for the fine-tuning and for the features
     * @param scores     scores computed on the training part's features (feature-only scores)
     * @param cacheDir   feature cache of the training part
     */
    public record Request(Path zoo, String modelId, Path images, Path valDir, String datasetId, int perClass,
                          FineTuneSettings settings, Compute compute, List<TransferabilityScore> scores, Path cacheDir) {

        public Request {
            scores = List.copyOf(scores);
        }

        /** The engine's fine-tuning options: the settings on the compute's device and threads. */
        public FineTuneOptions options() {
            return settings.options(compute.device(), compute.threads());
        }

        /** The feature extraction's options: the same device and threads as the fine-tuning. */
        public ExtractionOptions extraction() {
            return ExtractionOptions.defaults().withDevice(compute.device()).withBatchSize(compute.extractionBatchSize())
                    .withComputeThreads(compute.threads()).withStrict(compute.strict());
        }
    }

    /**
     * Where a job computes, shared by its fine-tuning and its feature extraction.
     *
     * @param device              the resolved device
     * @param threads             PyTorch intra-op threads (0: one per core)
     * @param extractionBatchSize images per forward pass of the feature extraction
     * @param strict              fail on the first unreadable image instead of skipping it with one note (the
     *                            fine-tuning's images and the features' alike)
     */
    public record Compute(Device device, int threads, int extractionBatchSize, boolean strict) {

        /** On {@code device} with {@code threads} threads, the extraction's default batch, unreadable images skipped. */
        public static Compute of(Device device, int threads) {
            return new Compute(device, threads, ExtractionOptions.defaults().batchSize(), false);
        }
    }

    /** What came out: the engine's result, the scores, and the history row (accuracy = validation top-1). */
    public record Outcome(Backbone backbone, FineTuneResult result, Map<String, Double> scores, Job row, int datasetSize) {
    }

    private FineTuneRun() {
    }

    public static Outcome run(Request r, ExtractionListener extractionListener, FineTuneListener listener,
            Path saveDir) {
        ExtractionOptions extraction = r.extraction();
        BackboneCatalog catalog = BackboneCatalog.load(r.zoo());
        Backbone backbone = catalog.resolved(catalog.get(r.modelId()));
        ImageDataset all = ImageDataset.open(r.images());
        all.note().ifPresent(extractionListener::note);
        ImageDataset listed = r.perClass() > 0 ? all.subsample(r.perClass(), r.settings().seed()) : all;
        // The folder rule of every command: unreadable images are skipped with one note (fatal with --strict),
        // found before the split, as a fine-tuning reads every image each epoch.
        ImageDataset data = readable(listed, r, extractionListener);
        ImageDataset train;
        ImageDataset val;
        if (r.valDir() != null) {
            train = data;
            ImageDataset valAll = ImageDataset.open(r.valDir());
            valAll.note().ifPresent(extractionListener::note);
            val = readable(valAll, r, extractionListener);
        } else {
            ImageDataset.Split split = data.stratifiedSplit(r.settings().valFraction(), r.settings().seed());
            train = split.train();
            val = split.val();
        }
        r.options().steps(train.size());
        Map<String, Double> scores = new LinkedHashMap<>();
        ExtractedFeatures f = FeatureExtraction.features(backbone, train, extraction, r.cacheDir(), extractionListener);
        for (Scores.Result s : Scores.runEach(r.scores(), f.features(), f.labels(), null, (name, why) -> extractionListener
                .warn("note: " + name + " of " + r.modelId() + " on " + r.datasetId() + " is left empty: " + why))) {
            scores.put(s.name(), s.value());
        }
        double domainDistance = ImageFields.domainDistance(catalog, backbone, f);
        double probe = ImageFields.probeAccuracy(catalog, backbone, f, train, extraction, r.cacheDir(), extractionListener);
        FineTuneResult result;
        try (FineTuner tuner = FineTuner.open(backbone, r.options())) {
            result = tuner.fineTune(train, val, listener);
            if (saveDir != null) {
                tuner.save(saveDir);
            }
        }
        // The row describes the images a user would hand to `recommend` (as it counts them, unreadable ones
        // included): a separate validation folder is not part of them.
        int size = listed.size();
        DatasetFacts facts = new DatasetFacts(r.datasetId(), size, data.classNames().size())
                .withProbe(probe, ImageFields.reference(catalog).id());
        Job row = Candidates.row(r.images().toString(), 1, facts, catalog.get(r.modelId()), scores, domainDistance)
                .withAccuracy(result.valAccuracy())
                .withCell(HistorySchema.SOURCE, source(result));
        return new Outcome(backbone, result, scores, row, size);
    }

    /** The images of {@code data} that decode; the others said once to {@code listener} (fatal when strict). */
    private static ImageDataset readable(ImageDataset data, Request r, ExtractionListener listener) {
        ReadableImages.Result scan = ReadableImages.of(data, r.options().workers(), r.compute().strict());
        if (!scan.skipped().isEmpty()) {
            listener.skipped(r.modelId(), scan.skipped());
        }
        return scan.dataset();
    }

    /**
     * One epoch as the output files write it (snake_case keys, as every other field of modelscout's files):
     * {@code finetune --out} and the cluster's cell files.
     */
    public static Map<String, Object> epochFields(FineTuneEpoch e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("train_loss", e.trainLoss());
        m.put("train_accuracy", e.trainAccuracy());
        m.put("val_loss", e.valLoss());
        m.put("val_accuracy", e.valAccuracy());
        m.put("learning_rate", e.learningRate());
        m.put("seconds", e.seconds());
        return m;
    }

    /** The history's {@code source} cell: who made the job and with what protocol, in one short line. */
    public static String source(FineTuneResult r) {
        var p = r.protocol();
        return String.format(Locale.ROOT, "modelscout finetune: %s lr %s %s, %d epochs, batch %d, seed %d%s, %d train / %d val",
                p.optimizer(), HistorySchema.format(p.learningRate()), p.schedule(), p.epochs(), p.batchSize(), p.seed(),
                p.freezeBackbone() ? ", backbone frozen" : "", r.trainSize(), r.valSize());
    }
}
