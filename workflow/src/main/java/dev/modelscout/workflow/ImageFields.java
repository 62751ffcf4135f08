package dev.modelscout.workflow;

import dev.modelscout.core.Backbone;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.scoring.DomainDistance;
import dev.modelscout.scoring.TaskDifficulty;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The fields computed from the target images themselves, beyond id, size and classes: task difficulty (a
 * dataset field: the probe's accuracy on one fixed reference backbone's features, {@link TaskDifficulty}) and
 * the domain distance between the target and each backbone's pre-training data (a pair field, from the
 * statistics the catalog stores, {@link DomainDistance}). What {@code recommend}, {@code finetune} and the
 * cluster's cells share, so history rows and candidate rows get the same values.
 */
public final class ImageFields {

    private ImageFields() {
    }

    /**
     * The probe's reference backbone in {@code catalog}: the cheapest entry (fewest GMACs; entries with unknown
     * GMACs last), then the first id in alphabetical order. Fixed for a catalog, so every target of a history is
     * probed with the same backbone; the history's {@code probe_model} column records it. Adding a cheaper
     * backbone changes it (the column tells such rows apart).
     */
    public static Backbone reference(BackboneCatalog catalog) {
        List<Backbone> all = catalog.backbones();
        if (all.isEmpty()) {
            throw new dev.modelscout.zoo.ZooException(catalog.file() + ": the zoo has no backbones");
        }
        return all.stream().min(Comparator
                .comparing((Backbone b) -> b.gmacs() == null ? Double.POSITIVE_INFINITY : b.gmacs())
                .thenComparing(Backbone::id)).orElseThrow();
    }

    /** Task difficulty: the probe's cross-validated accuracy on {@code reference}'s features of the target. */
    public static double probeAccuracy(ExtractedFeatures reference) {
        return TaskDifficulty.probeAccuracy(reference.features(), reference.labels());
    }

    /**
     * Task difficulty of {@code data} where {@code own} are {@code backbone}'s features of it: the probe on
     * {@code own} when {@code backbone} is the reference, else on the reference's features (cached or extracted
     * into {@code cacheDir}).
     */
    public static double probeAccuracy(BackboneCatalog catalog, Backbone backbone, ExtractedFeatures own, ImageDataset data,
            ExtractionOptions options, Path cacheDir, ExtractionListener listener) {
        return probeAccuracy(reference(catalog).id().equals(backbone.id()) ? own
                : referenceFeatures(catalog, data, options, cacheDir, listener));
    }

    /** The reference backbone's features of {@code data}, from the cache in {@code cacheDir} or extracted into it. */
    public static ExtractedFeatures referenceFeatures(BackboneCatalog catalog, ImageDataset data, ExtractionOptions options,
            Path cacheDir, ExtractionListener listener) {
        return FeatureExtraction.features(catalog.resolved(reference(catalog)), data, options, cacheDir, listener);
    }

    /**
     * The domain distance of the target from {@code b}'s pre-training sample, or NaN when the catalog stores no
     * statistics for {@code b} (random-init backbones, entries added without source images).
     */
    public static double domainDistance(BackboneCatalog catalog, Backbone b, ExtractedFeatures target) {
        return catalog.sourceStats(b).map(s -> DomainDistance.of(target.features(), s))
                .orElse(Double.NaN);
    }
}
