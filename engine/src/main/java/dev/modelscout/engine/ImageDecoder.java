package dev.modelscout.engine;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NodeList;

/**
 * Decodes JPEG, PNG, BMP, TIFF and GIF files (the first frame) to 8-bit RGB the way PIL's
 * {@code convert("RGB")} does: grayscale is replicated to three channels without any gamma change,
 * 16-bit samples become 8 bits as in PIL 9.4 (16-bit grayscale without alpha is clipped to 0..255, not scaled;
 * 16-bit colour or grayscale with alpha keeps the high byte), 1-, 2- and 4-bit samples are scaled, palettes are looked up, alpha is dropped, ICC profiles are ignored
 * (the samples are taken as they are), and CMYK or YCCK becomes RGB by PIL's formula (see {@link Cmyk}).
 * JPEGs are read with TwelveMonkeys' reader, which ImageIO finds on the class path (it copes with more
 * damaged metadata than the JDK's; the JDK's would apply a JPEG's ICC profile). A truncated or corrupt
 * file is an {@link IOException} naming what is wrong (JPEG decoders otherwise fill missing data with grey).
 *
 * <p>Decompression bombs: the image's size is read from its header before any pixel is decoded, and an image of
 * more than twice {@link #maxPixels()} pixels is refused (an {@link IOException}, so it is skipped with a note
 * like any unreadable image, or fails the run with {@code --strict}), as PIL refuses images above twice its
 * {@code Image.MAX_IMAGE_PIXELS}. The limit is process-wide, as PIL's is; its default is PIL's, 89,478,485
 * pixels (so images of up to 178,956,970 pixels are decoded). An image above the limit but not above twice it is
 * decoded with a warning, as PIL's {@code DecompressionBombWarning} ({@link #decode(Path, Consumer)}).
 */
public final class ImageDecoder {

    /** What {@link #jpegInks} finds. */
    private static final int CMYK = 1;
    private static final int YCCK = 2;

    /** The JDK's (and TwelveMonkeys') native JPEG metadata format. */
    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    /**
     * Warnings that TwelveMonkeys' JPEG reader gives about colour metadata while it reads pixels (a bogus
     * Adobe marker, an ICC profile that does not fit): PIL ignores that metadata too, so they are no damage.
     */
    private static final List<String> METADATA_WARNINGS = List.of(
            "Invalid Adobe App14 marker", "Embedded ICC color profile", "No embedded ICC color profile");

    static {
        ImageIO.setUseCache(false);
    }

    /** PIL's {@code Image.MAX_IMAGE_PIXELS}: {@code int(1024 * 1024 * 1024 // 4 // 3)}. */
    public static final long DEFAULT_MAX_PIXELS = 1024L * 1024 * 1024 / 4 / 3;

    private static volatile long maxPixels = DEFAULT_MAX_PIXELS;

    private ImageDecoder() {
    }

    /** The pixel limit: images of more than twice as many pixels are refused (see the class comment). */
    public static long maxPixels() {
        return maxPixels;
    }

    /** Sets the process-wide pixel limit ({@code --max-image-pixels}); {@code limit} must be >= 1. */
    public static void maxPixels(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the pixel limit must be >= 1, got " + limit);
        }
        maxPixels = limit;
    }

    /** Refuses an image whose header declares more pixels than the limit allows, before decoding it. */
    static void checkSize(long width, long height) throws IOException {
        checkSize(width, height, w -> { });
    }

    /**
     * As {@link #checkSize(long, long)}; an image above the limit but not above twice it is allowed, and
     * {@code warnings} hears of it (PIL's {@code DecompressionBombWarning}).
     */
    static void checkSize(long width, long height, Consumer<String> warnings) throws IOException {
        long pixels = width * height;
        long refuse = maxPixels > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * maxPixels;
        if (width <= 0 || height <= 0) {
            throw new IOException("corrupt image: its header declares " + width + " x " + height + " pixels");
        }
        if (pixels > refuse) {
            throw new IOException("image of " + width + " x " + height + " = " + pixels + " pixels is above the limit of "
                    + refuse + " (twice --max-image-pixels " + maxPixels + ", as PIL): a decompression bomb?");
        }
        if (pixels * 4 > Integer.MAX_VALUE) {
            throw new IOException("image of " + width + " x " + height + " pixels is too large to decode in Java");
        }
        if (pixels > maxPixels) {
            warnings.accept("image of " + width + " x " + height + " = " + pixels + " pixels is above --max-image-pixels "
                    + maxPixels + " (decoded, as PIL does up to twice the limit): a decompression bomb?");
        }
    }

    public static RgbImage decode(Path file) throws IOException {
        return decode(file, w -> { });
    }

    /**
     * Decodes {@code file}; {@code notes} hears what is allowed but worth a note (an image above the pixel limit
     * but not above twice it), in words without the file's name.
     */
    public static RgbImage decode(Path file, Consumer<String> notes) throws IOException {
        try (InputStream raw = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a JPEG, PNG, BMP, TIFF or GIF image");
            }
            ImageReader reader = readers.next();
            try {
                boolean jpeg = reader.getFormatName().equalsIgnoreCase("jpeg");
                reader.setInput(in, true, !jpeg);
                checkSize(reader.getWidth(0), reader.getHeight(0), notes);
                // A JPEG's header is read first: a reader's notes on metadata (Exif, ICC) are no damage.
                int inks = jpeg ? jpegInks(reader) : 0;
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (METADATA_WARNINGS.stream().noneMatch(warning::startsWith)) {
                        warnings.add(warning);
                    }
                });
                RgbImage img;
                if (inks != 0) {
                    img = Cmyk.fromJpeg(reader.readRaster(0, null), inks == YCCK);
                } else {
                    ImageReadParam param = reader.getDefaultReadParam();
                    if (jpeg) {
                        keepSamples(reader, param);
                    }
                    img = toRgb(reader.read(0, param));
                }
                if (!warnings.isEmpty()) {
                    throw new IOException("corrupt or truncated image: " + warnings.get(0));
                }
                return img;
            } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException
                     | NegativeArraySizeException | java.awt.color.CMMException e) {
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

    /**
     * {@link #CMYK} or {@link #YCCK} for a 4-component JPEG (libjpeg's rule: YCCK when an Adobe APP14
     * marker gives a transform other than 0), 0 for any other.
     */
    private static int jpegInks(ImageReader reader) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null && raw.getNumBands() != 4) {
            return 0;
        }
        IIOMetadata md = reader.getImageMetadata(0);
        if (md == null || !List.of(md.getMetadataFormatNames()).contains(JPEG_METADATA)) {
            return 0;
        }
        IIOMetadataNode tree = (IIOMetadataNode) md.getAsTree(JPEG_METADATA);
        NodeList sof = tree.getElementsByTagName("sof");
        if (sof.getLength() == 0 || !"4".equals(((IIOMetadataNode) sof.item(0)).getAttribute("numFrameComponents"))) {
            return 0;
        }
        NodeList adobe = tree.getElementsByTagName("app14Adobe");
        boolean ycck = adobe.getLength() > 0 && !"0".equals(((IIOMetadataNode) adobe.item(0)).getAttribute("transform"));
        return ycck ? YCCK : CMYK;
    }

    /**
     * Asks a JPEG reader for its RGB samples in the file's own colour space when an ICC profile makes that
     * other than sRGB, so that it does not convert them to sRGB: PIL does not either.
     */
    private static void keepSamples(ImageReader reader, ImageReadParam param) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        ColorSpace cs = raw == null ? null : raw.getColorModel().getColorSpace();
        if (cs != null && cs.getType() == ColorSpace.TYPE_RGB && !cs.isCS_sRGB()) {
            param.setDestinationType(raw);
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
        int csType = cm.getColorSpace().getType();
        boolean gray = !(cm instanceof IndexColorModel) && csType == ColorSpace.TYPE_GRAY;
        // Any RGB or CMYK profile: the samples as they are (PIL ignores ICC profiles).
        boolean componentRgb = cm instanceof ComponentColorModel && csType == ColorSpace.TYPE_RGB
                && raster.getNumBands() >= 3;
        boolean componentCmyk = cm instanceof ComponentColorModel && csType == ColorSpace.TYPE_CMYK
                && raster.getNumBands() >= 4;
        if (componentCmyk) {
            int[] cmyk = new int[w * h * 4];
            int[] row = new int[w];
            for (int c = 0; c < 4; c++) {
                int bits = cm.getComponentSize(c);
                long max = (1L << bits) - 1;
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, c, row);
                    for (int x = 0; x < w; x++) {
                        cmyk[(y * w + x) * 4 + c] = bits == 8 ? row[x] : (int) ((row[x] * 255L + max / 2) / max);
                    }
                }
            }
            return Cmyk.fromSamples(w, h, cmyk);
        }
        if (gray || componentRgb) {
            int[] row = new int[w];
            int channels = gray ? 1 : 3;
            // 16 bits as PIL 9.4: grayscale alone (mode I / I;16) is clipped to 255, with alpha or in colour
            // (modes LA, RGB, RGBA read from 16-bit files) the high byte is kept.
            boolean grayOnly = gray && raster.getNumBands() == 1;
            for (int c = 0; c < channels; c++) {
                int bits = cm.getComponentSize(c);
                long max = (1L << bits) - 1;
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, c, row);
                    for (int x = 0; x < w; x++) {
                        int v = bits == 8 ? row[x] : bits == 16 ? (grayOnly ? Math.min(row[x], 255) : row[x] >>> 8)
                                : (int) ((row[x] * 255L + max / 2) / max);
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
        // Palettes, packed RGB (BMP, TYPE_INT_*) and other colour spaces: Java's sRGB conversion.
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
