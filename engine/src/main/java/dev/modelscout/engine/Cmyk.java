package dev.modelscout.engine;

import java.awt.image.Raster;

/**
 * CMYK and YCCK samples to 8-bit RGB the way PIL's {@code Image.open(f).convert("RGB")} (torchvision's
 * image loader) makes them: a plain formula, never colour-managed, whatever ICC profile the file carries.
 * <ul>
 * <li>A 4-component JPEG is YCCK when its Adobe APP14 marker gives a transform other than 0, else CMYK
 *     (libjpeg's rule, jdapimin.c). libjpeg turns YCCK into CMYK (jdcolor.c, {@code ycck_cmyk_convert}),
 *     and PIL takes every CMYK JPEG as inverted, the way Adobe writes them (rawmode {@code "CMYK;I"} in
 *     JpegImagePlugin.py).</li>
 * <li>CMYK to RGB is PIL's {@code cmyk2rgb} (Convert.c): R = (255 - K) - C (255 - K) / 255, rounded as
 *     its {@code MULDIV255}; G from M and B from Y alike.</li>
 * </ul>
 */
final class Cmyk {

    /** libjpeg's YCbCr to RGB tables (jdcolor.c, {@code build_ycc_rgb_table}), 16 fraction bits. */
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        int half = 1 << 15;
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + half) >> 16;
            CB_B[i] = (fix(1.77200) * x + half) >> 16;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + half;
        }
    }

    private Cmyk() {
    }

    private static int fix(double x) {
        return (int) (x * (1 << 16) + 0.5);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** One RGB channel from its ink (C, M or Y) and K, both 0..255, as PIL's {@code cmyk2rgb}. */
    static int channel(int ink, int k) {
        int nk = 255 - k;
        int tmp = ink * nk + 128;
        return clamp(nk - (((tmp >> 8) + tmp) >> 8));
    }

    /**
     * A 4-component JPEG's raster as the decoder hands it over, before any colour conversion: YCCK, or
     * CMYK as stored (see the class comment).
     */
    static RgbImage fromJpeg(Raster raw, boolean ycck) {
        int w = raw.getWidth();
        int h = raw.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] px = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raw.getPixel(raw.getMinX() + x, raw.getMinY() + y, px);
                int c;
                int m;
                int ye;
                if (ycck) {
                    // libjpeg's C = 255 - R of the YCC part, inverted again by PIL: C = R.
                    c = clamp(px[0] + CR_R[px[2]]);
                    m = clamp(px[0] + ((CB_G[px[1]] + CR_G[px[2]]) >> 16));
                    ye = clamp(px[0] + CB_B[px[1]]);
                } else {
                    c = 255 - px[0];
                    m = 255 - px[1];
                    ye = 255 - px[2];
                }
                int k = 255 - px[3];
                int at = (y * w + x) * 3;
                out[at] = (byte) channel(c, k);
                out[at + 1] = (byte) channel(m, k);
                out[at + 2] = (byte) channel(ye, k);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** CMYK samples, 0..255 each, already in PIL's sense (a CMYK TIFF): only the formula applies. */
    static RgbImage fromSamples(int w, int h, int[] cmyk) {
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int k = cmyk[4 * i + 3];
            out[3 * i] = (byte) channel(cmyk[4 * i], k);
            out[3 * i + 1] = (byte) channel(cmyk[4 * i + 1], k);
            out[3 * i + 2] = (byte) channel(cmyk[4 * i + 2], k);
        }
        return new RgbImage(w, h, out);
    }
}
