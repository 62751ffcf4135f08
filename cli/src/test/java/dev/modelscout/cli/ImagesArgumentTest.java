package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file given as --images that is no manifest gets one clear line saying what --images takes (was "cannot read
 * manifest: Input length = 1"), exit 1, before the zoo is read. No natives.
 */
class ImagesArgumentTest {

    private static final String EXPECTED = "(expected a folder with one sub-folder of images per class, or a CSV "
            + "manifest of path,label rows)";

    @TempDir
    Path dir;

    private CliTest extract(Path images) {
        return CliTest.run("extract", "--images", images.toString(), "--zoo", dir.resolve("zoo.csv").toString(), "--out",
                dir.resolve("out").toString());
    }

    @Test
    void aBinaryFileIsNotAManifest() throws Exception {
        Path npy = dir.resolve("features.npy");
        Files.write(npy, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) 0xff, (byte) 0xfe, 0, 0});
        CliTest r = extract(npy).expectExit(1);
        assertEquals(List.of("error: " + npy + ": is not a CSV manifest: not UTF-8 text " + EXPECTED), r.err().lines().toList());
    }

    @Test
    void anImageFileIsNotADataset() throws Exception {
        Path jpg = dir.resolve("cat.JPG");
        Files.write(jpg, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0});
        CliTest r = extract(jpg).expectExit(1);
        assertEquals(List.of("error: " + jpg + ": is an image file, not a dataset " + EXPECTED), r.err().lines().toList());
    }

    @Test
    void aMissingPathSaysWhatWasExpected() {
        Path none = dir.resolve("nowhere");
        CliTest r = extract(none).expectExit(1);
        assertEquals(List.of("error: " + none + ": no such image folder or manifest " + EXPECTED), r.err().lines().toList());
    }
}
