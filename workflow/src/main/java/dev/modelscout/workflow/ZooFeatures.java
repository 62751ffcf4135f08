package dev.modelscout.workflow;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.workflow.overlap.Prefetcher;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Features of zoo backbones on an image dataset, from the feature cache or extracted: what
 * {@code extract}, {@code score --images --zoo} and {@code recommend} share. Composition only (zoo catalog ->
 * engine).
 *
 * @param zoo      the catalog
 * @param images   ImageFolder or CSV manifest
 * @param models   backbone ids, or empty for all
 * @param perClass at most this many images per class (0 = all)
 * @param seed     seed of the per-class subsample
 * @param cacheDir feature cache, one sub-folder per model
 * @param verbose  also say how long each backbone's features and its consumer's step took
 */
public record ZooFeatures(Path zoo, Path images, List<String> models, int perClass, long seed, Path cacheDir,
                   boolean verbose) {

    /** The name of the thread that extracts ahead. */
    static final String THREAD = "modelscout-features";

    public ZooFeatures(Path zoo, Path images, List<String> models, int perClass, long seed, Path cacheDir) {
        this(zoo, images, models, perClass, seed, cacheDir, false);
    }

    /** The whole dataset (before the --per-class subsample), opened once. */
    public ImageDataset dataset() {
        return ImageDataset.open(images);
    }

    /**
     * Features of each selected backbone, in the order asked for, on {@code all} subsampled as requested, each
     * handed to {@code each} (on the calling thread) in that order. Backbone k+1's features are extracted on a
     * worker thread while {@code each} works on backbone k's ({@link Prefetcher}), so at most two backbones'
     * features are held at once. An error names its model and is thrown in zoo order: an extraction error of
     * backbone k+1 after {@code each} was done with backbone k; an error of {@code each} stops the extraction
     * ahead first. The dataset's note (files in the class folders that are not images) goes to {@code listener}
     * once, first, then the plan ({@link ExtractionListener#planned}: how many backbones on how many images); at the end one line says how long the features and the scores took (with {@link #verbose},
     * one line per backbone too). {@code listener} hears the extraction from the worker thread. While they overlap,
     * extraction and {@code each} (the scores) share the cores; they overlap when {@link OverlapPolicy} says so (by
     * default when the features are extracted on CUDA), else they run one after the other on the calling thread; a
     * scoring thread count lowered for the overlap is restored when this returns.
     */
    public Prefetcher.Run forEach(ImageDataset all, ExtractionOptions options, ExtractionListener listener, OverlapPolicy policy,
            BiConsumer<Backbone, ExtractedFeatures> each) {
        return forEach(BackboneCatalog.load(zoo), all, options, listener, policy, each);
    }

    /** {@link #forEach} on a catalog the caller has already read (the one of {@link #zoo}). */
    public Prefetcher.Run forEach(BackboneCatalog catalog, ImageDataset all, ExtractionOptions options,
            ExtractionListener listener, OverlapPolicy policy, BiConsumer<Backbone, ExtractedFeatures> each) {
        List<String> ids = new ArrayList<>();
        Prefetcher.Run run = run(catalog, all, options, listener, policy, (b, f) -> {
            ids.add(b.id());
            each.accept(b, f);
        });
        if (verbose) {
            List<Prefetcher.Step> steps = run.steps();
            for (int i = 0; i < steps.size(); i++) {
                Prefetcher.Step s = steps.get(i);
                listener.warn(String.format(Locale.ROOT, "timing: %s: features %.3f s, scores %.3f s, waited %.3f s "
                        + "for the features", ids.get(i), s.produceSeconds(), s.consumeSeconds(), s.waitSeconds()));
            }
        }
        listener.warn(summary(run, policy));
        return run;
    }

    /** One result per selected backbone, in the order asked for (all held at once: for {@code extract}). */
    public List<ExtractedFeatures> load(ImageDataset all, ExtractionOptions options, ExtractionListener listener) {
        List<ExtractedFeatures> out = new ArrayList<>();
        run(BackboneCatalog.load(zoo), all, options, listener, null, (b, f) -> out.add(f));
        return out;
    }

    /**
     * With a {@code policy}, {@code each} scores, and the two overlap and share the cores as it says; without, the
     * steps run one after the other.
     */
    private Prefetcher.Run run(BackboneCatalog catalog, ImageDataset all, ExtractionOptions options,
            ExtractionListener listener, OverlapPolicy policy, BiConsumer<Backbone, ExtractedFeatures> each) {
        all.note().ifPresent(listener::note);
        List<Backbone> selected = catalog.select(models);
        ImageDataset data = all.subsample(perClass, seed);
        listener.planned(selected.size(), data.size());
        boolean overlap = policy != null && policy.overlaps(options.device());
        boolean split = overlap && selected.size() > 1;
        ExtractionOptions ahead = split ? policy.extraction(options) : options;
        List<OverlapPolicy.ScoringLimit> limit = new ArrayList<>(1);
        try {
            return Prefetcher.forEach(THREAD, overlap, selected, b -> "the features of " + b.id(),
                    b -> named(b, x -> FeatureExtraction.features(catalog.resolved(x), data, ahead, cacheDir, listener)),
                    (b, f) -> named(b, x -> {
                        if (split && limit.isEmpty()) {
                            limit.add(policy.limitScoring());
                        }
                        each.accept(x, f);
                        return null;
                    }));
        } finally {
            limit.forEach(OverlapPolicy.ScoringLimit::close);
        }
    }

    /** "timing: 20 backbones: features 5.12 s, scores 0.70 s; 5.43 s in all (...)". */
    public static String summary(Prefetcher.Run run, OverlapPolicy policy) {
        return String.format(Locale.ROOT, "timing: %d backbone%s: features %.2f s, scores %.2f s; %.2f s in all (%s)",
                run.steps().size(), run.steps().size() == 1 ? "" : "s", run.produceSeconds(), run.consumeSeconds(),
                run.wallSeconds(), run.overlapped()
                        ? String.format(Locale.ROOT, "scoring overlapped the next backbone's features; %.2f s waiting "
                                + "for features", run.waitSeconds())
                        : "one after the other: " + policy.whySequential());
    }

    /**
     * Runs one backbone's step; an error not yet about that backbone becomes one ({@code model ID: message}, the
     * model a field: {@link ModelScoutException#about}); option errors (exit 2) stay as they are.
     */
    private static <R> R named(Backbone b, Function<Backbone, R> step) {
        try {
            return step.apply(b);
        } catch (InvalidOptionException e) {
            throw e;
        } catch (ModelScoutException e) {
            throw ModelScoutException.about(b.id(), e);
        }
    }

    /**
     * The folder of a feature cache {@code base} that holds the features of this subsample: {@code base} itself for
     * every image ({@code perClass} 0), else its sub-folder {@code @per-class-N-seed-S}, so the features of the whole
     * folder and of each subsample are cached side by side and a run with one never evicts another's. (A backbone's
     * folder never starts with {@code @}: {@code FileNames.folderFor}.)
     */
    public static Path cacheFor(Path base, int perClass, long seed) {
        return perClass <= 0 ? base : base.resolve("@per-class-" + perClass + "-seed-" + seed);
    }

    /**
     * A per-dataset cache folder for commands without {@code --out}:
     * {@code $XDG_CACHE_HOME/modelscout/features/<hash of the dataset's absolute path>} (default
     * {@code ~/.cache}).
     */
    public static Path defaultCacheDir(Path images) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        String key = dev.modelscout.core.Sha256.hex(images.toAbsolutePath().normalize().toString()).substring(0, 16);
        return base.resolve("modelscout").resolve("features").resolve(key);
    }
}
