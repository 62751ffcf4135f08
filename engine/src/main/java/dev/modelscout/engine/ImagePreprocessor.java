package dev.modelscout.engine;

import java.nio.file.Path;

import java.io.IOException;

import dev.modelscout.core.Preprocessing;

/**
 * Turns an RGB image into the network's input, as torchvision's
 * {@code Resize(resize) -> CenterCrop(crop) -> ToTensor() -> Normalize(mean, std)} does on a PIL image:
 * the shorter side is resized to {@code resize} (the longer side to {@code floor(resize * long / short)})
 * with PIL's antialiased bilinear filter, the centre {@code crop x crop} is cut out (offsets rounded half
 * to even, like Python's {@code round}), values are scaled to [0, 1] and normalised per channel. Output is
 * CHW float, channels in the recipe's order (RGB or BGR).
 *
 * <p>Only the pixels inside the crop are computed. Thread-safe (no state besides the recipe).
 */
public final class ImagePreprocessor {

    private final Preprocessing recipe;
    private final float[] scale = new float[3];
    private final float[] shift = new float[3];
    private final boolean bgr;

    public ImagePreprocessor(Preprocessing recipe) {
        this.recipe = recipe;
        double[] mean = recipe.mean();
        double[] std = recipe.std();
        for (int c = 0; c < 3; c++) {
            scale[c] = (float) (1.0 / (255.0 * std[c]));
            shift[c] = (float) (-mean[c] / std[c]);
        }
        bgr = "BGR".equals(recipe.channels());
    }

    public Preprocessing recipe() {
        return recipe;
    }

    /** Values per image: 3 x crop x crop. */
    public int size() {
        return 3 * recipe.crop() * recipe.crop();
    }

    /** The size after resizing the shorter side: {width, height}. */
    static int[] resizedSize(int width, int height, int shorter) {
        if (width <= height) {
            return new int[] {shorter, (int) ((long) shorter * height / width)};
        }
        return new int[] {(int) ((long) shorter * width / height), shorter};
    }

    /** Offset of a centred crop, rounded half to even as torchvision does. */
    static int cropOffset(int size, int crop) {
        return (int) Math.rint((size - crop) / 2.0);
    }

    /** Preprocesses into {@code out} at {@code offset}; writes {@link #size()} floats. */
    public void apply(RgbImage img, float[] out, int offset) {
        int crop = recipe.crop();
        int[] rs = resizedSize(img.width(), img.height(), recipe.resize());
        int left = cropOffset(rs[0], crop);
        int top = cropOffset(rs[1], crop);
        Coefficients hx = Coefficients.of(img.width(), rs[0], left, crop);
        Coefficients vy = Coefficients.of(img.height(), rs[1], top, crop);
        // Horizontal pass over the input rows the vertical pass needs; rounded to 8 bits like PIL.
        int rowLo = vy.min[0];
        int rowHi = vy.min[crop - 1] + vy.count[crop - 1];
        int rows = rowHi - rowLo;
        int[] tmp = new int[rows * crop * 3];
        byte[] src = img.rgb();
        int w = img.width();
        for (int y = 0; y < rows; y++) {
            int rowBase = (rowLo + y) * w * 3;
            for (int x = 0; x < crop; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int k0 = x * hx.stride;
                int at = rowBase + hx.min[x] * 3;
                for (int k = 0; k < hx.count[x]; k++, at += 3) {
                    float c = hx.weights[k0 + k];
                    r += c * (src[at] & 0xff);
                    g += c * (src[at + 1] & 0xff);
                    b += c * (src[at + 2] & 0xff);
                }
                int t = (y * crop + x) * 3;
                tmp[t] = clamp8(r);
                tmp[t + 1] = clamp8(g);
                tmp[t + 2] = clamp8(b);
            }
        }
        int plane = crop * crop;
        int c0 = bgr ? 2 : 0;
        int c2 = bgr ? 0 : 2;
        for (int y = 0; y < crop; y++) {
            int k0 = y * vy.stride;
            int base = vy.min[y] - rowLo;
            for (int x = 0; x < crop; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = 0; k < vy.count[y]; k++) {
                    float c = vy.weights[k0 + k];
                    int t = ((base + k) * crop + x) * 3;
                    r += c * tmp[t];
                    g += c * tmp[t + 1];
                    b += c * tmp[t + 2];
                }
                int p = offset + y * crop + x;
                out[p + c0 * plane] = clamp8(r) * scale[0] + shift[0];
                out[p + plane] = clamp8(g) * scale[1] + shift[1];
                out[p + c2 * plane] = clamp8(b) * scale[2] + shift[2];
            }
        }
    }

    /** Preprocesses one image into a new array. */
    public float[] apply(RgbImage img) {
        float[] out = new float[size()];
        apply(img, out, 0);
        return out;
    }

    private static int clamp8(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
    }

    /** PIL's antialiased bilinear ("triangle") resampling weights for output positions first..first+n-1. */
    static final class Coefficients {
        final int[] min;
        final int[] count;
        final float[] weights;
        final int stride;

        private Coefficients(int[] min, int[] count, float[] weights, int stride) {
            this.min = min;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Coefficients of(int inSize, int outSize, int first, int n) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle filter's support is 1
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] min = new int[n];
            int[] count = new int[n];
            float[] weights = new float[n * stride];
            for (int i = 0; i < n; i++) {
                double center = (first + i + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), inSize);
                int cnt = Math.min(hi - lo, stride);
                double total = 0;
                double[] k = new double[cnt];
                for (int j = 0; j < cnt; j++) {
                    double t = Math.abs((j + lo - center + 0.5) / filterScale);
                    k[j] = t < 1 ? 1 - t : 0;
                    total += k[j];
                }
                for (int j = 0; j < cnt; j++) {
                    weights[i * stride + j] = (float) (total == 0 ? 0 : k[j] / total);
                }
                min[i] = lo;
                count[i] = cnt;
            }
            return new Coefficients(min, count, weights, stride);
        }
    }

    /**
     * Decodes the image at {@code path} and preprocesses it into {@code pixels} at {@code offset}, on {@code pool};
     * a decoding failure becomes {@code wrap}'s exception (naming the file).
     */
    java.util.concurrent.Future<?> decodeInto(java.util.concurrent.ExecutorService pool, Path path,
            float[] pixels, int offset, java.util.function.Function<IOException, RuntimeException> wrap) {
        return decodeInto(pool, path, pixels, offset, wrap, w -> { });
    }

    /**
     * As {@link #decodeInto(java.util.concurrent.ExecutorService, Path, float[], int, java.util.function.Function)};
     * {@code warnings} hears the decoder's warnings about {@code path} (called on the pool's thread, prefixed with
     * the file's name).
     */
    java.util.concurrent.Future<?> decodeInto(java.util.concurrent.ExecutorService pool, Path path,
            float[] pixels, int offset, java.util.function.Function<IOException, RuntimeException> wrap,
            java.util.function.Consumer<String> warnings) {
        return pool.submit(() -> {
            RgbImage img;
            try {
                img = ImageDecoder.decode(path, w -> warnings.accept(path + ": " + w));
            } catch (IOException e) {
                throw wrap.apply(e);
            }
            apply(img, pixels, offset);
            return null;
        });
    }
}
