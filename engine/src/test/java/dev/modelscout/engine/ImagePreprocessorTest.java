package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Preprocessing;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    private static RgbImage constant(int w, int h, int r, int g, int b) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            px[3 * i] = (byte) r;
            px[3 * i + 1] = (byte) g;
            px[3 * i + 2] = (byte) b;
        }
        return new RgbImage(w, h, px);
    }

    @Test
    void resizesShorterSideAndTruncatesLongerLikeTorchvision() {
        assertArrayEquals(new int[] {256, 341}, ImagePreprocessor.resizedSize(300, 400, 256));
        assertArrayEquals(new int[] {384, 256}, ImagePreprocessor.resizedSize(600, 400, 256));
        assertArrayEquals(new int[] {256, 256}, ImagePreprocessor.resizedSize(50, 50, 256));
    }

    @Test
    void cropOffsetRoundsHalfToEvenLikePython() {
        assertEquals(16, ImagePreprocessor.cropOffset(256, 224));
        assertEquals(0, ImagePreprocessor.cropOffset(225, 224)); // round(0.5) = 0
        assertEquals(2, ImagePreprocessor.cropOffset(227, 224)); // round(1.5) = 2
        assertEquals(58, ImagePreprocessor.cropOffset(341, 224)); // round(58.5) = 58
    }

    @Test
    void constantImageNormalisesPerChannel() {
        Preprocessing p = Preprocessing.imagenet(8);
        float[] out = new ImagePreprocessor(p).apply(constant(13, 10, 255, 0, 128));
        assertEquals(3 * 64, out.length);
        double[] mean = p.mean();
        double[] std = p.std();
        double[] want = {(1 - mean[0]) / std[0], (0 - mean[1]) / std[1], (128 / 255.0 - mean[2]) / std[2]};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 64; i++) {
                assertEquals(want[c], out[c * 64 + i], 1e-5, "channel " + c);
            }
        }
    }

    @Test
    void bgrSwapsChannelPlanes() {
        Preprocessing p = new Preprocessing(4, 4, new double[] {0, 0, 0}, new double[] {1, 1, 1}, "BGR");
        float[] out = new ImagePreprocessor(p).apply(constant(4, 4, 255, 0, 51));
        assertEquals(0.2f, out[0], 1e-6);
        assertEquals(0f, out[16], 1e-6);
        assertEquals(1f, out[32], 1e-6);
    }

    @Test
    void sameSizeIsIdentityAndCropCutsTheCentre() {
        // 6x4 image, pixel value = 10*x + y in red; resize 4 (shorter side already 4), crop 4 -> columns 1..4
        int w = 6;
        int h = 4;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[(y * w + x) * 3] = (byte) (10 * x + y);
            }
        }
        Preprocessing p = new Preprocessing(4, 4, new double[] {0, 0, 0}, new double[] {1, 1, 1}, "RGB");
        float[] out = new ImagePreprocessor(p).apply(new RgbImage(w, h, px));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals((10 * (x + 1) + y) / 255f, out[y * 4 + x], 1e-6, "at " + x + "," + y);
            }
        }
    }

    @Test
    void halvingMatchesPilAntialiasedBilinear() {
        // 4x4 -> 2x2, columns alternating 0 and 200. PIL 9.4 Image.resize((2, 2), BILINEAR) gives 86 and 114:
        // support 2, output 0 centred at 1.0 weighs inputs 0,1,2 by 0.75,0.75,0.25 -> 150/1.75 = 85.7.
        byte[] px = new byte[4 * 4 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    px[(y * 4 + x) * 3 + c] = (byte) (x % 2 == 0 ? 0 : 200);
                }
            }
        }
        Preprocessing p = new Preprocessing(2, 2, new double[] {0, 0, 0}, new double[] {1, 1, 1}, "RGB");
        float[] out = new ImagePreprocessor(p).apply(new RgbImage(4, 4, px));
        assertEquals(86 / 255f, out[0], 1e-6);
        assertEquals(114 / 255f, out[1], 1e-6);
        assertEquals(86 / 255f, out[2], 1e-6);
        assertEquals(114 / 255f, out[4 + 3], 1e-6);
    }

    /**
     * Matches torchvision 0.14 + PIL 9.4 on a committed image. Golden file made with:
     * {@code T.Compose([T.Resize(20), T.CenterCrop(16), T.ToTensor(), T.Normalize(mean, std)])(Image.open(png).convert("RGB"))}.
     * PIL resamples in fixed point, so single 8-bit steps may differ: tolerance 1.5/255/std.
     */
    @Test
    void matchesTorchvisionOnAGoldenImage() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(getClass().getResource("/golden").toURI());
        RgbImage img = ImageDecoder.decode(dir.resolve("gradient_53x41.png"));
        float[] out = new ImagePreprocessor(new Preprocessing(20, 16, Preprocessing.imagenet(16).mean(), Preprocessing.imagenet(16).std(), "RGB")).apply(img);
        dev.modelscout.core.Npy.Array want = dev.modelscout.core.Npy.read(dir.resolve("gradient_53x41_resize20_crop16.npy"));
        assertArrayEquals(new int[] {3, 16, 16}, want.shape());
        double worst = 0;
        for (int i = 0; i < out.length; i++) {
            worst = Math.max(worst, Math.abs(out[i] - want.values()[i]));
        }
        assertTrue(worst < 1.5 / 255 / 0.224, "max difference to torchvision " + worst);
    }
}
