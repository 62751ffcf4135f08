package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    @TempDir
    Path dir;

    private static void assertPixel(RgbImage img, int x, int y, int r, int g, int b) {
        assertEquals(r, img.get(x, y, 0), "red at " + x + "," + y);
        assertEquals(g, img.get(x, y, 1), "green at " + x + "," + y);
        assertEquals(b, img.get(x, y, 2), "blue at " + x + "," + y);
    }

    @Test
    void pngBmpAndTiffRgbAreLossless() throws IOException {
        BufferedImage src = TestImages.rgb(9, 7, 1, 0);
        RgbImage img = ImageDecoder.decode(TestImages.write(src, "png", dir.resolve("a.png")));
        assertEquals(9, img.width());
        assertEquals(7, img.height());
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                int p = src.getRGB(x, y);
                assertPixel(img, x, y, (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
            }
        }
        for (String f : new String[] {"bmp", "tiff"}) {
            RgbImage other = ImageDecoder.decode(TestImages.write(src, f, dir.resolve("a." + f)));
            assertEquals(src.getRGB(3, 4) & 0xffffff,
                    (other.get(3, 4, 0) << 16) | (other.get(3, 4, 1) << 8) | other.get(3, 4, 2), f);
        }
    }

    @Test
    void grayscaleIsReplicatedWithoutGammaChange() throws IOException {
        RgbImage g8 = ImageDecoder.decode(TestImages.write(TestImages.gray8(4, 4, 100), "png", dir.resolve("g.png")));
        assertPixel(g8, 2, 2, 100, 100, 100);
        RgbImage jpg = ImageDecoder.decode(TestImages.write(TestImages.gray8(16, 16, 100), "jpeg", dir.resolve("g.jpg")));
        assertTrue(Math.abs(jpg.get(5, 5, 0) - 100) <= 2, "gray JPEG " + jpg.get(5, 5, 0));
    }

    @Test
    void sixteenBitGrayIsScaledTo8Bits() throws IOException {
        RgbImage img = ImageDecoder.decode(TestImages.write(TestImages.gray16(3, 3, 0x8080), "png", dir.resolve("g16.png")));
        assertPixel(img, 1, 1, 128, 128, 128);
        RgbImage white = ImageDecoder.decode(TestImages.write(TestImages.gray16(3, 3, 65535), "png", dir.resolve("w16.png")));
        assertPixel(white, 0, 0, 255, 255, 255);
    }

    @Test
    void paletteImagesAreLookedUp() throws IOException {
        for (String f : new String[] {"png", "gif", "bmp"}) {
            RgbImage img = ImageDecoder.decode(TestImages.write(TestImages.palette(8, 16), f, dir.resolve("p." + f)));
            assertEquals(8, img.width(), f);
            assertPixel(img, 0, 0, 255, 0, 0);
            assertPixel(img, 7, 15, 0, 0, 255);
        }
    }

    @Test
    void alphaIsDroppedNotBlended() throws IOException {
        RgbImage img = ImageDecoder.decode(TestImages.write(TestImages.argb(3, 3, 0x336699, 40), "png", dir.resolve("a.png")));
        assertPixel(img, 1, 1, 0x33, 0x66, 0x99);
    }

    @Test
    void truncatedAndCorruptFilesAreErrors() throws IOException {
        Path png = TestImages.write(TestImages.rgb(64, 64, 3, 1), "png", dir.resolve("ok.png"));
        Path jpg = TestImages.write(TestImages.rgb(64, 64, 3, 1), "jpeg", dir.resolve("ok.jpg"));
        Path tp = TestImages.truncated(png, dir.resolve("t.png"));
        Path tj = TestImages.truncated(jpg, dir.resolve("t.jpg"));
        assertThrows(IOException.class, () -> ImageDecoder.decode(tp));
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(tj));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
        Path junk = dir.resolve("junk.jpg");
        Files.writeString(junk, "this is not an image");
        assertTrue(assertThrows(IOException.class, () -> ImageDecoder.decode(junk)).getMessage().contains("not a JPEG"));
        Path empty = dir.resolve("empty.png");
        Files.write(empty, new byte[0]);
        assertThrows(IOException.class, () -> ImageDecoder.decode(empty));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(ImageDecoderTest.class.getResource("/cmyk/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decodes a fixture of resources/cmyk and compares it with what PIL 9.4's {@code convert("RGB")} made
     * of the same file (torchvision's loader; see resources/cmyk/README.md), to 2 levels of 8 bits: the
     * JDK's libjpeg and PIL's libjpeg-turbo may round a sample differently.
     */
    private static void assertMatchesPil(String name) throws IOException {
        RgbImage img = ImageDecoder.decode(fixture(name));
        BufferedImage want = ImageIO.read(fixture(name.replace(".", "-") + ".pil.png").toFile());
        assertEquals(want.getWidth(), img.width(), name);
        assertEquals(want.getHeight(), img.height(), name);
        int worst = 0;
        String where = "";
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int p = want.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int d = Math.abs(img.get(x, y, c) - ((p >> (16 - 8 * c)) & 0xff));
                    if (d > worst) {
                        worst = d;
                        where = "channel " + c + " at " + x + "," + y + ": " + img.get(x, y, c) + " vs PIL "
                                + ((p >> (16 - 8 * c)) & 0xff);
                    }
                }
            }
        }
        assertTrue(worst <= 2, name + " differs from PIL by " + worst + " levels (" + where + ")");
    }

    @Test
    void cmykJpegMatchesPil() throws IOException {
        assertMatchesPil("cmyk.jpg"); // inverted (Adobe) CMYK, as PIL and Photoshop write it
    }

    @Test
    void ycckJpegMatchesPil() throws IOException {
        assertMatchesPil("ycck.jpg");
    }

    @Test
    void cmykTiffMatchesPil() throws IOException {
        assertMatchesPil("cmyk.tif");
    }

    @Test
    void jpegIccProfileIsIgnoredLikePil() throws IOException {
        assertMatchesPil("icc-linear-rgb.jpg");
    }
}
