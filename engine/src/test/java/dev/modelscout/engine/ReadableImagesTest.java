package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images of a folder that decode: the unreadable ones skipped and named, or fatal when strict. */
class ReadableImagesTest {

    @TempDir
    Path dir;

    @Test
    void unreadableImagesAreDroppedAndNamedInDatasetOrderWithEveryClassKept() throws IOException {
        Path root = TestImages.folder(dir.resolve("data"), 2, 3, 8);
        ImageDataset all = ImageDataset.open(root);
        Path a = Files.writeString(root.resolve(all.classNames().get(0)).resolve("a-broken.png"), "not a png");
        Path png = all.paths().stream().filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        Path b = TestImages.truncated(png, root.resolve(all.classNames().get(1)).resolve("b-cut.png"));
        ImageDataset withBroken = ImageDataset.open(root);
        assertEquals(8, withBroken.size());

        ReadableImages.Result r = ReadableImages.of(withBroken, 2, false);
        assertEquals(6, r.dataset().size());
        assertEquals(all.classNames(), r.dataset().classNames());
        assertEquals(2, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(0).startsWith(a + ": "), r.skipped().toString());
        assertTrue(r.skipped().get(1).startsWith(b + ": "), r.skipped().toString());
        assertTrue(r.dataset().paths().stream().noneMatch(p -> p.equals(a) || p.equals(b)));
    }

    @Test
    void aFolderThatDecodesIsReturnedAsItIs() throws IOException {
        ImageDataset all = ImageDataset.open(TestImages.folder(dir.resolve("ok"), 2, 2, 8));
        ReadableImages.Result r = ReadableImages.of(all, 1, true);
        assertSame(all, r.dataset());
        assertEquals(List.of(), r.skipped());
    }

    @Test
    void strictFailsNamingTheFirstUnreadableImage() throws IOException {
        Path root = TestImages.folder(dir.resolve("data"), 2, 2, 8);
        ImageDataset all = ImageDataset.open(root);
        Path a = Files.writeString(root.resolve(all.classNames().get(0)).resolve("a-broken.png"), "not a png");
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ReadableImages.of(ImageDataset.open(root), 2, true));
        assertTrue(e.getMessage().startsWith(a + ": ") && e.getMessage().endsWith("(--strict)"), e.getMessage());
    }

    @Test
    void noReadableImageIsOneClearError() throws IOException {
        Path root = dir.resolve("bad");
        Files.createDirectories(root.resolve("x"));
        Files.createDirectories(root.resolve("y"));
        Files.writeString(root.resolve("x/1.png"), "no");
        Files.writeString(root.resolve("y/2.png"), "no");
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ReadableImages.of(ImageDataset.open(root), 1, false));
        assertTrue(e.getMessage().contains("none of the 2 images could be read"), e.getMessage());
    }
}
