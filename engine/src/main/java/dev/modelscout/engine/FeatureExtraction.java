package dev.modelscout.engine;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.WeightsKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Features of a backbone on a dataset, from the cache when it holds them for exactly this model,
 * weights, images and recipe, else extracted and cached. This is what {@code extract} and
 * {@code score --images} call.
 */
public final class FeatureExtraction {

    private FeatureExtraction() {
    }

    /**
     * @param backbone a catalog entry with an absolute weights location
     * @param cacheDir the feature cache (one sub-folder per model), or null for no cache
     */
    public static ExtractedFeatures features(Backbone backbone, ImageDataset data, ExtractionOptions options,
                                             Path cacheDir, ExtractionListener listener) {
        FeatureCache cache = cacheDir == null ? null : new FeatureCache(cacheDir);
        FeatureCache.Key key = cache == null ? null : key(backbone, data);
        if (cache != null) {
            Optional<ExtractedFeatures> hit = cache.lookup(key);
            if (hit.isPresent()) {
                if (options.strict() && !hit.get().skipped().isEmpty()) {
                    throw new ExtractionException(hit.get().skipped().get(0) + " (--strict)");
                }
                listener.cached(backbone.id(), cache.dir(backbone.id()));
                if (!hit.get().skipped().isEmpty()) {
                    listener.skipped(backbone.id(), hit.get().skipped());
                }
                return hit.get();
            }
        }
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, options)) {
            ExtractedFeatures f = extractor.extract(data, listener);
            if (cache != null) {
                cache.store(key, f);
            }
            return f;
        }
    }

    static FeatureCache.Key key(Backbone backbone, ImageDataset data) {
        return new FeatureCache.Key(backbone.id(), weightsIdentity(backbone), data.fingerprint(),
                backbone.preprocessing().toString());
    }

    /**
     * What identifies the weights without loading them: the SHA-256 of a TorchScript file; the
     * architecture, seed and DJL version of a builtin; the URL of a model-zoo model.
     */
    public static String weightsIdentity(Backbone backbone) {
        return switch (WeightsKind.of(backbone.weights())) {
            case FILE -> {
                Path p = Path.of(backbone.weights());
                String problem = dev.modelscout.core.WeightsKind.fileProblem(p);
                if (problem != null) {
                    throw ExtractionException.of(backbone.id(), "weights file " + p + " " + problem);
                }
                yield BackboneModel.sha256(p);
            }
            case BUILTIN -> backbone.weights() + " (DJL " + ai.djl.engine.Engine.getDjlVersion() + ")";
            case DJL_URL -> backbone.weights();
        };
    }
}
