package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Features of zoo backbones on an image dataset, from the feature cache or extracted: what
 * {@code extract} and {@code score --images --zoo} share. Composition only (zoo catalog -> engine).
 *
 * @param zoo      the catalog
 * @param images   ImageFolder or CSV manifest
 * @param models   backbone ids, or empty for all
 * @param perClass at most this many images per class (0 = all)
 * @param seed     seed of the per-class subsample
 * @param cacheDir feature cache, one sub-folder per model
 */
record ZooFeatures(Path zoo, Path images, List<String> models, int perClass, long seed, Path cacheDir) {

    /** The dataset (subsampled) this request reads. */
    ImageDataset dataset() {
        return ImageDataset.open(images).subsample(perClass, seed);
    }

    /** One result per selected backbone, in the order asked for. */
    List<ExtractedFeatures> load(ExtractionOptions options, ExtractionListener listener) {
        BackboneCatalog catalog = BackboneCatalog.load(zoo);
        List<Backbone> selected = catalog.select(models);
        ImageDataset data = dataset();
        List<ExtractedFeatures> out = new ArrayList<>();
        for (Backbone b : selected) {
            out.add(FeatureExtraction.features(catalog.resolved(b), data, options, cacheDir, listener));
        }
        return out;
    }

    /**
     * A per-dataset cache folder for commands without {@code --out}:
     * {@code $XDG_CACHE_HOME/modelscout/features/<hash of the dataset's absolute path>} (default
     * {@code ~/.cache}).
     */
    static Path defaultCacheDir(Path images) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(images.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return base.resolve("modelscout").resolve("features").resolve(HexFormat.of().formatHex(h, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
