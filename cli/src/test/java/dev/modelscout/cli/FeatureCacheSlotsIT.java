package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature cache is keyed by what was extracted, the subsample included: a --per-class run keeps its features
 * beside the whole folder's instead of evicting them, so the next default run is a cache hit.
 */
class FeatureCacheSlotsIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void guardTheNetwork() throws IOException {
        NetworkGuard.install();
    }

    @Test
    void aSubsampleRunKeepsTheWholeFoldersFeaturesCached() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ExtractIT.TINY), "needs " + ExtractIT.TINY);
        Path images = dir.resolve("images");
        ExtractIT.images(images, 2, 5);
        Path zoo = dir.resolve("zoo.csv");
        Files.writeString(zoo, "id,weights,crop\ntiny," + ExtractIT.TINY.toAbsolutePath() + ",32\n");
        Path cache = dir.resolve("cache");
        Path whole = cache.resolve("tiny/features.npy");
        Path sub = cache.resolve("@per-class-2-seed-0/tiny/features.npy");

        score(images, zoo, cache);
        assertArrayEquals(new int[] {10, 32}, Npy.read(whole).shape());
        score(images, zoo, cache, "--per-class", "2");
        assertArrayEquals(new int[] {4, 32}, Npy.read(sub).shape());
        assertArrayEquals(new int[] {10, 32}, Npy.read(whole).shape(), "the subsample did not evict the whole folder");

        // Mark both entries; a third (default) run and a fourth (subsample) run read them without writing.
        FileTime marked = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(whole, marked);
        Files.setLastModifiedTime(sub, marked);
        score(images, zoo, cache);
        score(images, zoo, cache, "--per-class", "2");
        assertEquals(marked, Files.getLastModifiedTime(whole), "the default run after a subsample run is a cache hit");
        assertEquals(marked, Files.getLastModifiedTime(sub), "so is the subsample run after it");

        // Another seed is another subsample: its own slot.
        score(images, zoo, cache, "--per-class", "2", "--sample-seed", "1");
        assertTrue(Files.isRegularFile(cache.resolve("@per-class-2-seed-1/tiny/features.npy")));
        assertEquals(marked, Files.getLastModifiedTime(whole));
    }

    private static void score(Path images, Path zoo, Path cache, String... more) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("--device", "cpu", "score", "--images",
                images.toString(), "--zoo", zoo.toString(), "--scores", "logme", "--cache", cache.toString()));
        a.addAll(java.util.List.of(more));
        CliTest.run(a.toArray(String[]::new)).expectExit(0);
    }
}
