package dev.modelscout.cli;

import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.ZooFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that name an image dataset and the zoo backbones to run on it, shared by {@code extract},
 * {@code score --images} and {@code recommend}; mixed in with {@code @Mixin}.
 */
final class ImageSourceOptions {

    private @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--images", paramLabel = "DIR|CSV",
            description = "Image dataset: an ImageFolder (one sub-folder per class) or a CSV manifest of path,label rows.")
    Path images;

    @Option(names = "--zoo", paramLabel = "FILE", description = "Zoo catalog (.csv or .json).")
    Path zoo;

    @Option(names = "--models", split = ",", paramLabel = "ID", description = "Backbones to use. Default: all.")
    List<String> models = new ArrayList<>();

    @Option(names = "--per-class", paramLabel = "N",
            description = "Use at most N images per class (N >= 1), chosen at random with --sample-seed. Default: all.")
    Integer perClass;

    // No defaultValue: picocli would apply it after a command's deprecated --seed setter and undo it.
    @Option(names = "--sample-seed", paramLabel = "S", description = "Seed of the --per-class subsample. Default: 0.")
    long seed = 0;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B",
            description = "Images per forward pass, >= 1 (halved on CUDA out-of-memory). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
            description = "PyTorch compute threads, >= 0 (0: one per core; half the cores on the CPU while the scores of "
                    + "one backbone overlap the extraction of the next). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--strict", description = "Fail on the first unreadable image instead of skipping it with a warning.")
    boolean strict;

    @Option(names = "--max-image-pixels", paramLabel = "N", defaultValue = "89478485",
            description = "Images of more than 2 x N pixels (read from their header) are refused as decompression "
                    + "bombs: skipped with a note, or fatal with --strict (as PIL's MAX_IMAGE_PIXELS). "
                    + "Default: ${DEFAULT-VALUE} (PIL's).")
    void setMaxImagePixels(long value) {
        if (value < 1) {
            throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
                    "--max-image-pixels: " + value + " is out of range (an integer >= 1)");
        }
        dev.modelscout.engine.ImageDecoder.maxPixels(value);
    }

    /**
     * The embedded world's zoo when --zoo is absent, and with {@code sample} its sample target when --images is
     * absent too; the world, or null when the user named both.
     */
    EmbeddedWorld fillFromWorld(boolean sample) {
        if (zoo != null && (images != null || !sample)) {
            return null;
        }
        EmbeddedWorld w = EmbeddedWorld.locate();
        if (zoo == null) {
            zoo = w.zoo();
        }
        if (images == null && sample) {
            images = w.sampleImages();
        }
        return w;
    }

    /** True when the user named an image dataset or a zoo. */
    boolean given() {
        return images != null || zoo != null;
    }

    /**
     * Fails with a usage error unless both --images and --zoo were given and every value is in its range
     * (--per-class and --batch-size >= 1, --threads >= 0): checked before anything is opened.
     */
    void require(CommandSpec spec) {
        if (images == null || zoo == null) {
            throw new ParameterException(spec.commandLine(), images == null ? "--images is required"
                    : "--zoo is required");
        }
        OptionRanges.atLeast("--per-class", perClass, 1, "an integer >= 1; leave it out to use every image");
        OptionRanges.atLeast("--batch-size", batchSize, 1, "an integer >= 1");
        OptionRanges.atLeast("--threads", threads, 0, "an integer >= 0; 0 = one per core");
    }

    /** At most this many images per class; 0 when --per-class was not given (every image). */
    int perClass() {
        return perClass == null ? 0 : perClass;
    }

    /**
     * The features request, cached in {@code cacheDir} or the per-dataset default cache, in the slot of the subsample
     * ({@link ZooFeatures#cacheFor}: the whole folder and each --per-class/--sample-seed are kept side by side);
     * timings per backbone with -v.
     */
    ZooFeatures request(Path cacheDir) {
        Path base = cacheDir != null ? cacheDir : ZooFeatures.defaultCacheDir(images);
        return into(ZooFeatures.cacheFor(base, perClass(), seed));
    }

    /** The features request that writes into {@code folder} as it is (extract's --out: OUT/MODEL/features.npy). */
    ZooFeatures into(Path folder) {
        return new ZooFeatures(zoo, images, models, perClass(), seed, folder,
                mixee != null && GlobalOptions.of(mixee).verbose());
    }

    /** Extraction settings on the device the global --device resolves to (auto -> CPU warns only on a CUDA build). */
    ExtractionOptions extractionOptions(CommandSpec spec) {
        return ExtractionOptions.defaults()
                .withDevice(PyTorchRuntime.resolve(GlobalOptions.of(spec).device(), spec.commandLine().getErr()::println))
                .withBatchSize(batchSize).withComputeThreads(threads).withStrict(strict);
    }
}
