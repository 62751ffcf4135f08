package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir
    Path dir;

    private static ExtractedFeatures features() {
        FeatureMatrix m = FeatureMatrix.of(new double[][] {{1.5, -2}, {0.25, 3}, {7, 8}});
        return new ExtractedFeatures("m1", m, new Labels(new int[] {0, 1, 1}, List.of("cat", "dog")),
                List.of("x.jpg: corrupt"), false);
    }

    @Test
    void storedFeaturesComeBackForTheSameKeyOnly() {
        FeatureCache cache = new FeatureCache(dir);
        FeatureCache.Key key = new FeatureCache.Key("m1", "w1", "d1", "p1");
        assertTrue(cache.lookup(key).isEmpty());
        cache.store(key, features());
        ExtractedFeatures back = cache.lookup(key).orElseThrow();
        assertTrue(back.cached());
        assertEquals(features().features(), back.features());
        assertEquals(features().labels(), back.labels());
        assertEquals(List.of("x.jpg: corrupt"), back.skipped());
        assertTrue(cache.lookup(new FeatureCache.Key("m1", "w2", "d1", "p1")).isEmpty(), "new weights");
        assertTrue(cache.lookup(new FeatureCache.Key("m1", "w1", "d2", "p1")).isEmpty(), "changed images");
        assertTrue(cache.lookup(new FeatureCache.Key("m1", "w1", "d1", "p2")).isEmpty(), "new preprocessing");
    }

    @Test
    void damagedCacheIsAMissNotAnError() throws Exception {
        FeatureCache cache = new FeatureCache(dir);
        FeatureCache.Key key = new FeatureCache.Key("m1", "w1", "d1", "p1");
        cache.store(key, features());
        Files.write(dir.resolve("m1/features.npy"), new byte[] {1, 2, 3});
        assertTrue(cache.lookup(key).isEmpty());
        cache.store(key, features());
        Files.writeString(dir.resolve("m1/features.json"), "{not json");
        assertTrue(cache.lookup(key).isEmpty());
        cache.store(key, features());
        assertFalse(cache.lookup(key).isEmpty());
    }
}
