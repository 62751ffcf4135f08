package dev.modelscout.engine;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes test images of every kind the decoder must handle (synthetic, seeded). */
final class TestImages {

    private TestImages() {
    }

    /** A seeded RGB image with a class-dependent colour bias (a planted signal). */
    static BufferedImage rgb(int w, int h, long seed, int classIndex) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int red = Math.min(255, r.nextInt(128) + (classIndex == 0 ? 127 : 0));
                int green = Math.min(255, r.nextInt(128) + (classIndex == 1 ? 127 : 0));
                int blue = Math.min(255, r.nextInt(128) + (classIndex >= 2 ? 127 : 0));
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return img;
    }

    static Path write(BufferedImage img, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }

    static BufferedImage gray8(int w, int h, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, value);
            }
        }
        return img;
    }

    static BufferedImage gray16(int w, int h, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, value);
            }
        }
        return img;
    }

    /** A palette image (Java's default 256-colour palette): left half red, right half blue. */
    static BufferedImage palette(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, x < w / 2 ? 0xff0000 : 0x0000ff);
            }
        }
        return img;
    }

    /** Semi-transparent colour: alpha must be dropped, not blended. */
    static BufferedImage argb(int w, int h, int rgb, int alpha) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (alpha << 24) | rgb);
            }
        }
        return img;
    }

    /** The first half of a valid file. */
    static Path truncated(Path valid, Path out) throws IOException {
        byte[] b = Files.readAllBytes(valid);
        Files.createDirectories(out.getParent());
        Files.write(out, Arrays.copyOf(b, b.length / 2));
        return out;
    }

    /** An ImageFolder of {@code classes} x {@code perClass} images, formats rotating png/jpg/bmp/gif. */
    static Path folder(Path root, int classes, int perClass, int size) throws IOException {
        String[] formats = {"png", "jpg", "bmp", "gif"};
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                String f = formats[(c + i) % formats.length];
                write(rgb(size + i, size + 2 * c, 1000L * c + i, c), f.equals("jpg") ? "jpeg" : f,
                        root.resolve("class" + c).resolve("img" + i + "." + f));
            }
        }
        return root;
    }
}
