package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.FineTuneListener;
import dev.modelscout.engine.FineTuneOptions;
import dev.modelscout.engine.FineTuneResult;
import dev.modelscout.engine.FineTuner;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.Candidates;
import dev.modelscout.recommender.DatasetFacts;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.TransferabilityScore;
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
final class FineTuneRun {

    /**
     * What to run.
     *
     * @param valDir      a validation image folder with the same classes, or null to split {@code images}
     * @param valFraction the validation share of each class when splitting
     * @param perClass    at most this many images per class (0: all), drawn with the options' seed
     * @param scoreNames  scores computed on the training part's features (feature-only scores)
     * @param cacheDir    feature cache of the training part
     */
    record Request(Path zoo, String modelId, Path images, Path valDir, String datasetId, double valFraction,
                   int perClass, FineTuneOptions options, List<String> scoreNames, Path cacheDir) {
    }

    /** What came out: the engine's result, the scores, and the history row (accuracy = validation top-1). */
    record Outcome(Backbone backbone, FineTuneResult result, Map<String, Double> scores, Job row, int datasetSize) {
    }

    private FineTuneRun() {
    }

    static Outcome run(Request r, ExtractionOptions extraction, ExtractionListener extractionListener,
            FineTuneListener listener, Path saveDir) {
        BackboneCatalog catalog = BackboneCatalog.load(r.zoo());
        Backbone backbone = catalog.resolved(catalog.get(r.modelId()));
        List<TransferabilityScore> scorers = Scores.of(r.scoreNames(), Scores.Options.defaults(), false);
        ImageDataset all = ImageDataset.open(r.images());
        all.note().ifPresent(n -> extractionListener.warn("note: " + n));
        ImageDataset data = r.perClass() > 0 ? all.subsample(r.perClass(), r.options().seed()) : all;
        ImageDataset train;
        ImageDataset val;
        if (r.valDir() != null) {
            train = data;
            val = ImageDataset.open(r.valDir());
        } else {
            ImageDataset.Split split = data.stratifiedSplit(r.valFraction(), r.options().seed());
            train = split.train();
            val = split.val();
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        ExtractedFeatures f = FeatureExtraction.features(backbone, train, extraction, r.cacheDir(), extractionListener);
        for (Scores.Result s : Scores.run(scorers, f.features(), f.labels(), null)) {
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
        // The row describes the images a user would hand to `recommend`: a separate validation folder is not part of them.
        int size = data.size();
        DatasetFacts facts = new DatasetFacts(r.datasetId(), size, data.classNames().size())
                .withProbe(probe, ImageFields.reference(catalog).id());
        Job row = Candidates.row(r.images().toString(), 1, facts, catalog.get(r.modelId()), scores, domainDistance)
                .withAccuracy(result.valAccuracy())
                .withCell(HistorySchema.SOURCE, source(result));
        return new Outcome(backbone, result, scores, row, size);
    }

    /** The history's {@code source} cell: who made the job and with what protocol, in one short line. */
    static String source(FineTuneResult r) {
        var p = r.protocol();
        return String.format(Locale.ROOT, "modelscout finetune: %s lr %s %s, %d epochs, batch %d, seed %d%s, %d train / %d val",
                p.optimizer(), HistorySchema.format(p.learningRate()), p.schedule(), p.epochs(), p.batchSize(), p.seed(),
                p.freezeBackbone() ? ", backbone frozen" : "", r.trainSize(), r.valSize());
    }
}
