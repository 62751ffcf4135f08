package dev.modelscout.engine;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code r, g, b, r, g, b, ...}). The array is not
 * copied.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("bad image shape " + width + " x " + height + " for " + rgb.length + " bytes");
        }
    }

    /** Channel {@code c} (0 = R) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
