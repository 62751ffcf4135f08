package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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
    void rejectsEmptyClassAndSingleClass() throws Exception {
        TestImages.folder(dir.resolve("a"), 2, 1, 8);
        Files.createDirectories(dir.resolve("a/empty"));
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("a")))
                .getMessage().endsWith("empty: empty class folder (no images)"));
        TestImages.folder(dir.resolve("b"), 1, 2, 8);
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("b")))
                .getMessage().contains("only one class (class0)"));
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
    void stratifiedSplitIsSeededKeepsEveryClassInBothPartsAndLosesNoImage() throws Exception {
        TestImages.folder(dir.resolve("a"), 3, 1, 4);
        TestImages.folder(dir.resolve("b"), 3, 10, 4);
        // classes of 10, 10, 10 images and one class of 2 (class3 comes from copying two of class0's files)
        Files.createDirectories(dir.resolve("b/class3"));
        Files.copy(dir.resolve("b/class0/img0.png"), dir.resolve("b/class3/x.png"));
        Files.copy(dir.resolve("b/class0/img4.png"), dir.resolve("b/class3/y.png"));
        ImageDataset d = ImageDataset.open(dir.resolve("b"));
        ImageDataset.Split s = d.stratifiedSplit(0.25, 5);
        assertArrayEquals(new int[] {7, 7, 7, 1}, s.train().toLabels().counts()); // round(2.5) = 3, round(0.5) = 1
        assertArrayEquals(new int[] {3, 3, 3, 1}, s.val().toLabels().counts());
        assertEquals(d.classNames(), s.train().classNames());
        assertEquals(d.classNames(), s.val().classNames());
        java.util.Set<Path> union = new java.util.HashSet<>(s.train().paths());
        union.addAll(s.val().paths());
        assertEquals(d.size(), union.size());
        assertEquals(d.size(), s.train().size() + s.val().size());
        assertEquals(s, d.stratifiedSplit(0.25, 5));
        assertNotEquals(s.val().paths(), d.stratifiedSplit(0.25, 6).val().paths());
        // dataset order is kept in both parts
        assertEquals(s.val().paths().stream().sorted().toList(), s.val().paths());

        ImageDataset ones = ImageDataset.open(dir.resolve("a"));
        assertEquals(0, ones.stratifiedSplit(0.5, 1).val().size()); // a single image per class stays in training
        for (double f : new double[] {0, 1, -0.1, Double.NaN}) {
            assertTrue(assertThrows(dev.modelscout.core.InvalidOptionException.class, () -> d.stratifiedSplit(f, 1))
                    .getMessage().contains("validation fraction must be between 0 and 1"));
        }
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

    @Test
    void skipsFilesThatAreNotImagesLikeTorchvision() throws Exception {
        TestImages.folder(dir, 2, 2, 8);
        Files.writeString(dir.resolve("class0/notes.txt"), "hello");
        Files.writeString(dir.resolve("class1/photo.webp"), "RIFF");
        Files.writeString(dir.resolve("class1/LICENSE"), "no extension");
        Files.createDirectories(dir.resolve("class1/sub"));
        Files.writeString(dir.resolve("class1/sub/scan.pgm"), "P5");
        Files.copy(dir.resolve("class0/img0.png"), dir.resolve("class0/UPPER.PNG"));
        TestImages.write(TestImages.rgb(8, 8, 5, 1), "tiff", dir.resolve("class1/sub/scan.tif"));
        ImageDataset d = ImageDataset.open(dir);
        assertEquals(List.of(dir.resolve("class0/UPPER.PNG"), dir.resolve("class0/img0.png"),
                dir.resolve("class0/img1.jpg"), dir.resolve("class1/img0.jpg"), dir.resolve("class1/img1.bmp"),
                dir.resolve("class1/sub/scan.tif")), d.paths());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, d.labels());
        assertEquals(List.of(dir.resolve("class0/notes.txt"), dir.resolve("class1/LICENSE"),
                dir.resolve("class1/photo.webp"), dir.resolve("class1/sub/scan.pgm")), d.notImages());
        assertEquals(dir + ": skipped 4 files that are not images (class0/notes.txt, class1/LICENSE, "
                + "class1/photo.webp, class1/sub/scan.pgm); the images read are .bmp, .gif, .jpeg, .jpg, .png, .tif, .tiff",
                d.note().orElseThrow());
        assertEquals(d.notImages(), d.subsample(1, 3).notImages());
    }

    @Test
    void notesAtMostFiveNamesAndNothingWhenAllAreImages() throws Exception {
        TestImages.folder(dir, 2, 1, 8);
        assertTrue(ImageDataset.open(dir).note().isEmpty());
        for (int i = 0; i < 7; i++) {
            Files.writeString(dir.resolve("class1/n" + i + ".txt"), "x");
        }
        String note = ImageDataset.open(dir).note().orElseThrow();
        assertTrue(note.contains("skipped 7 files that are not images (class1/n0.txt, class1/n1.txt, class1/n2.txt, "
                + "class1/n3.txt, class1/n4.txt, and 2 more)"), note);
        Files.createDirectories(dir.resolve("class2"));
        Files.writeString(dir.resolve("class2/readme.md"), "x");
        assertTrue(assertThrows(ExtractionException.class, () -> ImageDataset.open(dir)).getMessage()
                .endsWith("class2: empty class folder (no images; 1 file(s) that are not images)"));
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links here: " + e);
        }
    }

    @Test
    void followsSymbolicLinksToClassFolders() throws Exception {
        TestImages.folder(dir.resolve("store"), 2, 3, 8);
        TestImages.folder(dir.resolve("more"), 1, 2, 8);
        Path data = dir.resolve("data");
        link(data.resolve("ants"), dir.resolve("store/class0"));
        link(data.resolve("bees"), Path.of("../store/class1")); // relative, as `ln -s` makes them
        link(data.resolve("bees/extra"), dir.resolve("more/class0"));
        ImageDataset d = ImageDataset.open(data);
        assertEquals(List.of("ants", "bees"), d.classNames());
        assertArrayEquals(new int[] {3, 5}, d.toLabels().counts());
        assertEquals(data.resolve("bees/extra/img0.png"), d.paths().get(3));
        assertEquals(d.fingerprint(), ImageDataset.open(data).fingerprint());
    }

    @Test
    void refusesSymbolicLinkLoopsNamingTheLink() throws Exception {
        TestImages.folder(dir.resolve("a"), 2, 1, 8);
        link(dir.resolve("a/class1/up"), dir.resolve("a/class1"));
        String msg = assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("a"))).getMessage();
        assertTrue(msg.contains(dir.resolve("a/class1/up") + ": symbolic link loop"), msg);
        assertEquals(1, msg.lines().count(), msg);

        TestImages.folder(dir.resolve("b"), 2, 1, 8);
        link(dir.resolve("b/class1/root"), dir.resolve("b"));
        msg = assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("b"))).getMessage();
        assertTrue(msg.contains(dir.resolve("b/class1/root") + ": symbolic link loop"), msg);

        TestImages.folder(dir.resolve("c"), 2, 1, 8);
        link(dir.resolve("c/class2"), dir.resolve("c/class0"));
        msg = assertThrows(ExtractionException.class, () -> ImageDataset.open(dir.resolve("c"))).getMessage();
        assertTrue(msg.contains(dir.resolve("c/class2") + ": the same folder as " + dir.resolve("c/class0")), msg);
    }

    @Test
    void brokenAndLoopingLinksAreNotedAsSuchNotAsFilesThatAreNotImages() throws Exception {
        TestImages.folder(dir.resolve("d"), 2, 2, 8);
        link(dir.resolve("d/gone-class"), dir.resolve("nowhere"));
        link(dir.resolve("d/loop-a"), dir.resolve("d/loop-b"));
        link(dir.resolve("d/loop-b"), dir.resolve("d/loop-a"));
        link(dir.resolve("d/class0/dangling.png"), dir.resolve("nothing.png"));
        ImageDataset d = ImageDataset.open(dir.resolve("d"));
        assertEquals(List.of("class0", "class1"), d.classNames());
        String note = d.note().orElseThrow();
        assertTrue(note.contains("skipped 4 symbolic links that lead nowhere (broken, or a loop of links) "
                + "(gone-class, loop-a, loop-b, class0/dangling.png)"), note);
        assertFalse(note.contains("not an image"), note);
    }
}
