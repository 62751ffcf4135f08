package dev.modelscout.engine;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG, BMP and GIF files (the first frame) to 8-bit RGB the way PIL's
 * {@code convert("RGB")} does: grayscale is replicated to three channels without any gamma change,
 * 16-bit samples are scaled to 8 bits, palettes are looked up, alpha is dropped. A truncated or corrupt
 * file is an {@link IOException} naming what is wrong (JPEG decoders otherwise fill missing data with grey).
 */
public final class ImageDecoder {

    static {
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {
    }

    public static RgbImage decode(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a JPEG, PNG, BMP or GIF image");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new IOException("corrupt or truncated image: " + warnings.get(0));
                }
                return toRgb(img);
            } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException
                     | NegativeArraySizeException e) {
                throw new IOException("corrupt image: " + e, e);
            } finally {
                reader.dispose();
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("file not found", e);
        } catch (javax.imageio.IIOException e) {
            throw new IOException("corrupt or truncated image: " + e.getMessage(), e);
        }
    }

    /** Converts any decoded image to 8-bit RGB (see the class comment for the rules). */
    public static RgbImage toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getDataBuffer() instanceof DataBufferByte db
                && raster.getParent() == null && db.getNumBanks() == 1 && db.getData().length == out.length) {
            byte[] bgr = db.getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = bgr[i + 2];
                out[i + 1] = bgr[i + 1];
                out[i + 2] = bgr[i];
            }
            return new RgbImage(w, h, out);
        }
        boolean gray = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        boolean componentRgb = cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB()
                && raster.getNumBands() >= 3;
        if (gray || componentRgb) {
            int[] row = new int[w];
            int channels = gray ? 1 : 3;
            for (int c = 0; c < channels; c++) {
                int bits = cm.getComponentSize(c);
                long max = (1L << bits) - 1;
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, c, row);
                    for (int x = 0; x < w; x++) {
                        int v = bits == 8 ? row[x] : (int) ((row[x] * 255L + max / 2) / max);
                        int at = (y * w + x) * 3;
                        if (gray) {
                            out[at] = (byte) v;
                            out[at + 1] = (byte) v;
                            out[at + 2] = (byte) v;
                        } else {
                            out[at + c] = (byte) v;
                        }
                    }
                }
            }
            return new RgbImage(w, h, out);
        }
        // Palettes, packed RGB (BMP, TYPE_INT_*), CMYK and other colour spaces: Java's sRGB conversion.
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            out[3 * i] = (byte) (p >> 16);
            out[3 * i + 1] = (byte) (p >> 8);
            out[3 * i + 2] = (byte) p;
        }
        return new RgbImage(w, h, out);
    }
}
