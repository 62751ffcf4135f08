package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetTest {

    @TempDir
    Path dir;

    @Test
    void readsImageFolderInSortedClassOrder() throws Exception {
        TestImages.folder(dir, 3, 4, 8);
        Files.writeString(dir.resolve("class1/.DS_Store"), "x");
        Files.writeString(dir.resolve("README.txt"), "top-level files are ignored");
        ImageDataset d = ImageDataset.open(dir);
        assertEquals(List.of("class0", "class1", "class2"), d.classNames());
        assertEquals(12, d.size());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, d.labels());
    }

    @Test
    void rejectsEmptyClassSingleClassAndNonImages() throws Exception {
        TestImages.folder(dir.resolve("a"), 2, 1, 8);
        Files.createDirectories(dir.resolve("a/empty"));
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("a")))
                .getMessage().endsWith("empty: empty class folder (no images)"));
        TestImages.folder(dir.resolve("b"), 1, 2, 8);
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("b")))
                .getMessage().contains("only one class (class0)"));
        TestImages.folder(dir.resolve("c"), 2, 1, 8);
        Files.writeString(dir.resolve("c/class1/notes.txt"), "hello");
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("c")))
                .getMessage().contains("notes.txt: not an image file"));
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("missing")))
                .getMessage().contains("no such image folder or manifest"));
        Files.createDirectories(dir.resolve("d"));
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("d")))
                .getMessage().contains("no class folders"));
    }

    @Test
    void readsManifestWithHeaderAndRelativePaths() throws Exception {
        TestImages.folder(dir.resolve("imgs"), 2, 2, 8);
        Path m = dir.resolve("m.csv");
        Files.writeString(m, "path,label\nimgs/class0/img0.png,zebra\nimgs/class1/img0.jpg,ant\n\nimgs/class1/img1.bmp,ant\n");
        ImageDataset d = ImageDataset.open(m);
        assertEquals(List.of("ant", "zebra"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 0}, d.labels());
        Files.writeString(m, "imgs/class0/img0.png,10\nimgs/class1/img0.jpg,2\n");
        assertEquals(List.of("2", "10"), ImageDataset.open(m).classNames());
        Files.writeString(m, "imgs/class0/img0.png,a\nimgs/nope.png,b\n");
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(m)).getMessage()
                .contains("line 2, column 1: image"));
        Files.writeString(m, "imgs/class0/img0.png,a,extra\n");
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(m)).getMessage()
                .contains("line 1: expected 2 cells"));
    }

    @Test
    void subsampleIsSeededAndCapsEachClass() throws Exception {
        TestImages.folder(dir, 2, 6, 4);
        ImageDataset d = ImageDataset.open(dir);
        ImageDataset a = d.subsample(3, 7);
        assertEquals(6, a.size());
        assertArrayEquals(new int[] {3, 3}, a.toLabels().counts());
        assertEquals(a, d.subsample(3, 7));
        assertNotEquals(a.paths(), d.subsample(3, 8).paths());
        assertEquals(d, d.subsample(100, 1).subsample(0, 1));
    }

    @Test
    void fingerprintChangesWhenAnImageChanges() throws Exception {
        TestImages.folder(dir, 2, 2, 8);
        String before = ImageDataset.open(dir).fingerprint();
        assertEquals(before, ImageDataset.open(dir).fingerprint());
        Path img = dir.resolve("class0/img0.png");
        Files.setLastModifiedTime(img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 5000));
        String touched = ImageDataset.open(dir).fingerprint();
        assertNotEquals(before, touched);
        TestImages.write(TestImages.rgb(30, 30, 99, 0), "png", img);
        assertNotEquals(touched, ImageDataset.open(dir).fingerprint());
    }
}
