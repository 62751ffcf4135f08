package dev.modelscout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionException;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureCache;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.scoring.ScoringException;
import dev.modelscout.workflow.overlap.Prefetcher;
import dev.modelscout.zoo.BackboneCatalog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZooFeatures#forEach} overlapped, without natives: a zoo of small files that are hashed, never loaded, whose
 * features the cache already holds (so the worker serves them from the cache, as a rerun does), and one backbone
 * whose weights are missing (an extraction error before any model loads).
 */
class ZooFeaturesTest {

    @TempDir
    Path dir;

    Path zoo;
    Path images;
    Path cache;

    /** What the listener heard, with the thread it heard it on. */
    final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> threadOf = new ConcurrentHashMap<>();
    final ExtractionListener listener = new ExtractionListener() {
        @Override
        public void warn(String message) {
            heard.add(message);
            threadOf.put(message, Thread.currentThread().getName());
        }
    };

    @BeforeEach
    void zooImagesAndCache() throws IOException {
        Files.createDirectories(dir.resolve("zoo"));
        StringBuilder csv = new StringBuilder("id,arch_family,weights,crop\n");
        for (String m : List.of("alpha", "beta", "gamma", "delta")) {
            if (!m.equals("gamma")) {
                Files.writeString(dir.resolve("zoo/" + m + ".pt"), "weights of " + m);
            }
            csv.append(m).append(",cnn,").append(m).append(".pt,32\n");
        }
        zoo = Files.writeString(dir.resolve("zoo/zoo.csv"), csv);
        images = dir.resolve("data");
        for (int c = 0; c < 2; c++) {
            Path cd = Files.createDirectories(images.resolve("class" + c));
            for (int i = 0; i < 3; i++) {
                ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", cd.resolve(i + ".png").toFile());
            }
        }
        cache = dir.resolve("cache");
        ImageDataset data = ImageDataset.open(images);
        BackboneCatalog catalog = BackboneCatalog.load(zoo);
        for (String m : List.of("alpha", "beta", "delta")) {
            Backbone b = catalog.resolved(catalog.get(m));
            double[] v = new double[6 * 2];
            for (int i = 0; i < v.length; i++) {
                v[i] = m.length() + i; // a planted value per model
            }
            new FeatureCache(cache).store(new FeatureCache.Key(m, FeatureExtraction.weightsIdentity(b), data.fingerprint(),
                    b.preprocessing().toString()), new ExtractedFeatures(m, new FeatureMatrix(6, 2, v),
                    new Labels(data.labels(), data.classNames()), List.of(), false));
        }
    }

    /** Overlapped on any device; as if OMP_NUM_THREADS were set: the threads stay, so no scoring natives load here. */
    static final OverlapPolicy CORES = new OverlapPolicy(2, Map.of("OMP_NUM_THREADS", "2"), Overlap.ON);

    ZooFeatures request(List<String> models, boolean verbose) {
        return new ZooFeatures(zoo, images, models, 0, 0, cache, verbose);
    }

    @Test
    void featuresComeInZooOrderFromTheWorkerAndAreUsedOnTheCallingThread() {
        List<String> used = new ArrayList<>();
        Thread caller = Thread.currentThread();
        ZooFeatures r = request(List.of("delta", "alpha", "beta"), true);
        Prefetcher.Run run = r.forEach(r.dataset(), ExtractionOptions.defaults(), listener, CORES, (b, f) -> {
            assertSame(caller, Thread.currentThread());
            assertEquals(b.id(), f.modelId());
            assertEquals(b.id().length(), f.features().data()[0], "the features of " + b.id());
            used.add(b.id());
        });
        assertEquals(List.of("delta", "alpha", "beta"), used);
        assertTrue(run.overlapped());
        String hit = heard.stream().filter(m -> m.startsWith("model alpha: features cached")).findFirst().orElseThrow();
        assertEquals(ZooFeatures.THREAD, threadOf.get(hit), "the features are read on the worker");
        String summary = heard.get(heard.size() - 1);
        assertTrue(summary.startsWith("timing: 3 backbones: features "), summary);
        assertTrue(summary.contains("scoring overlapped the next backbone's features"), summary);
        assertTrue(heard.stream().anyMatch(m -> m.startsWith("timing: beta: features ")), heard.toString());
        assertFalse(alive(ZooFeatures.THREAD));
    }

    @Test
    void anExtractionErrorNamesItsModelAfterTheBackboneBeforeWasScored() {
        List<String> used = new ArrayList<>();
        ZooFeatures r = request(List.of(), false);
        ModelScoutException e = assertThrows(ModelScoutException.class, () -> r.forEach(r.dataset(),
                ExtractionOptions.defaults(), listener, CORES, (b, f) -> {
                    sleep(100); // gamma fails on the worker long before beta is scored
                    used.add(b.id());
                }));
        assertEquals(List.of("alpha", "beta"), used, "every backbone before gamma was scored");
        assertInstanceOf(ExtractionException.class, e, "the engine's own error");
        assertTrue(e.getMessage().startsWith("model gamma: weights file "), "named once: " + e.getMessage());
        assertEquals(Optional.of("gamma"), e.model(), "the model is a field of the error, not only its message");
        assertFalse(alive(ZooFeatures.THREAD));
    }

    @Test
    void aScoringErrorNamesItsModelAndStopsTheExtractionAhead() {
        List<String> used = new ArrayList<>();
        ZooFeatures r = request(List.of("alpha", "beta", "delta"), false);
        ModelScoutException e = assertThrows(ModelScoutException.class, () -> r.forEach(r.dataset(),
                ExtractionOptions.defaults(), listener, CORES, (b, f) -> {
                    if (b.id().equals("beta")) {
                        throw new ScoringException("lfc: all feature rows are identical, the score is undefined");
                    }
                    used.add(b.id());
                }));
        assertEquals("model beta: lfc: all feature rows are identical, the score is undefined", e.getMessage());
        assertInstanceOf(ScoringException.class, e.getCause());
        assertEquals(Optional.of("beta"), e.model());
        assertEquals(List.of("alpha"), used);
        assertFalse(heard.stream().anyMatch(m -> m.startsWith("timing:")), "no summary of a failed run");
        assertFalse(alive(ZooFeatures.THREAD), "the worker ended before the error was thrown");
    }

    @Test
    void withoutOverlapTheSameFeaturesComeOnTheCallingThread() {
        List<String> used = new ArrayList<>();
        ZooFeatures r = request(List.of("beta", "alpha"), false);
        Prefetcher.Run run = r.forEach(r.dataset(), ExtractionOptions.defaults(), listener,
                new OverlapPolicy(2, Map.of(), Overlap.OFF), (b, f) -> used.add(b.id()));
        assertEquals(List.of("beta", "alpha"), used);
        assertFalse(run.overlapped());
        String hit = heard.stream().filter(m -> m.startsWith("model beta: features cached")).findFirst().orElseThrow();
        assertEquals(Thread.currentThread().getName(), threadOf.get(hit));
        assertTrue(heard.get(heard.size() - 1).endsWith("(one after the other: modelscout.overlap=false)"),
                heard.toString());
    }

    @Test
    void byDefaultFeaturesOnTheCpuAreNotOverlapped() {
        ZooFeatures r = request(List.of("beta", "alpha"), false);
        Prefetcher.Run run = r.forEach(r.dataset(), ExtractionOptions.defaults().withDevice(Device.CPU), listener,
                new OverlapPolicy(2, Map.of(), Overlap.AUTO), (b, f) -> { });
        assertFalse(run.overlapped());
        assertTrue(heard.get(heard.size() - 1).contains("one after the other: features on the CPU"), heard.toString());
    }

    static boolean alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
