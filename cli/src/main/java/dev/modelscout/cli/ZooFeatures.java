package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

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

    /** The whole dataset (before the --per-class subsample), opened once. */
    ImageDataset dataset() {
        return ImageDataset.open(images);
    }

    /**
     * Features of each selected backbone, in the order asked for, on {@code all} subsampled as requested;
     * each is handed to {@code each} before the next is extracted, so only one model's features need be held.
     * The dataset's note (files in the class folders that are not images) goes to {@code listener} once,
     * first: every command that extracts (extract, score --images, recommend) calls this once.
     */
    void forEach(ImageDataset all, ExtractionOptions options, ExtractionListener listener,
            BiConsumer<Backbone, ExtractedFeatures> each) {
        all.note().ifPresent(n -> listener.warn("note: " + n));
        BackboneCatalog catalog = BackboneCatalog.load(zoo);
        List<Backbone> selected = catalog.select(models);
        ImageDataset data = all.subsample(perClass, seed);
        for (Backbone b : selected) {
            each.accept(b, FeatureExtraction.features(catalog.resolved(b), data, options, cacheDir, listener));
        }
    }

    /** One result per selected backbone, in the order asked for. */
    List<ExtractedFeatures> load(ImageDataset all, ExtractionOptions options, ExtractionListener listener) {
        List<ExtractedFeatures> out = new ArrayList<>();
        forEach(all, options, listener, (b, f) -> out.add(f));
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
        String key = dev.modelscout.core.Sha256.hex(images.toAbsolutePath().normalize().toString()).substring(0, 16);
        return base.resolve("modelscout").resolve("features").resolve(key);
    }
}
