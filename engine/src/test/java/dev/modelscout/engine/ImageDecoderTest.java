package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void sixteenBitGrayIsClippedTo8BitsAsPilDoes() throws IOException {
        RgbImage img = ImageDecoder.decode(TestImages.write(TestImages.gray16(3, 3, 0x8080), "png", dir.resolve("g16.png")));
        assertPixel(img, 1, 1, 255, 255, 255);
        RgbImage dark = ImageDecoder.decode(TestImages.write(TestImages.gray16(3, 3, 200), "png", dir.resolve("d16.png")));
        assertPixel(dark, 0, 0, 200, 200, 200);
    }

    /** 16-bit files (resources/sixteen, made and converted by PIL 9.4: make_fixtures.py) decode exactly as PIL's. */
    @Test
    void sixteenBitImagesMatchPilExactly() throws IOException {
        for (String name : List.of("gray16.png", "gray16.tif", "rgb16.png", "grayalpha16.png")) {
            RgbImage img = ImageDecoder.decode(resource("/sixteen/" + name));
            BufferedImage want = ImageIO.read(resource("/sixteen/" + name.replace(".", "-") + ".pil.png").toFile());
            for (int y = 0; y < img.height(); y++) {
                for (int x = 0; x < img.width(); x++) {
                    int p = want.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        assertEquals((p >> (16 - 8 * c)) & 0xff, img.get(x, y, c), name + " channel " + c + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(ImageDecoderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PNG whose header declares {@code w} x {@code h} 8-bit gray pixels, with {@code idat} as its data. */
    private Path pngWithHeader(String name, int w, int h, byte[] idat) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(b, "IHDR", ihdr.array());
        chunk(b, "IDAT", idat);
        chunk(b, "IEND", new byte[0]);
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    private static void chunk(java.io.ByteArrayOutputStream b, String kind, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(kind.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        b.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        b.write(kind.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.write(data);
        b.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Zlib data of {@code rows} rows of {@code w} zero pixels (filter byte 0 each): a few hundred KB per 100 M pixels. */
    private static byte[] zeros(int w, int rows) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(9);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] row = new byte[w + 1];
        byte[] buf = new byte[1 << 16];
        for (int r = 0; r < rows; r++) {
            d.setInput(row);
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        return out.toByteArray();
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
        Path bomb = pngWithHeader("bomb.png", 14000, 13000, zeros(14000, 13000));
        assertTrue(Files.size(bomb) < 1_000_000, "a small file: " + Files.size(bomb));
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(bomb));
        assertTrue(e.getMessage().contains("14000 x 13000 = 182000000 pixels is above the limit of 178956970"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused without decoding");
        Path huge = pngWithHeader("huge.png", 26000, 26000, new byte[] {0x78, (byte) 0x9c});
        assertTrue(assertThrows(IOException.class, () -> ImageDecoder.decode(huge)).getMessage().contains("above the limit"));
        Path wide = pngWithHeader("wide.png", Integer.MAX_VALUE, 1, new byte[] {0x78, (byte) 0x9c});
        assertThrows(IOException.class, () -> ImageDecoder.decode(wide));
    }

    @Test
    void thePixelLimitIsAnOptionAndImagesUpToTwiceItAreDecodedAsInPil() throws IOException {
        Path small = pngWithHeader("small.png", 40, 40, zeros(40, 40));
        Path larger = pngWithHeader("larger.png", 50, 50, zeros(50, 50));
        long before = ImageDecoder.maxPixels();
        try {
            ImageDecoder.maxPixels(1000);
            java.util.List<String> notes = new java.util.ArrayList<>();
            assertEquals(40, ImageDecoder.decode(small, notes::add).width(), "1600 pixels: above the limit, below twice it");
            assertEquals(1, notes.size(), "a warning, as PIL's DecompressionBombWarning");
            assertTrue(notes.get(0).contains("1600 pixels is above --max-image-pixels 1000"), notes.get(0));
            java.util.List<String> none = new java.util.ArrayList<>();
            ImageDecoder.maxPixels(1600);
            ImageDecoder.decode(small, none::add);
            assertEquals(java.util.List.of(), none, "at the limit: no warning");
            ImageDecoder.maxPixels(1000);
            assertTrue(assertThrows(IOException.class, () -> ImageDecoder.decode(larger)).getMessage()
                    .contains("2500 pixels is above the limit of 2000"));
        } finally {
            ImageDecoder.maxPixels(before);
        }
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
