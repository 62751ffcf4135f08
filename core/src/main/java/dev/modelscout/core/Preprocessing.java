package dev.modelscout.core;

import java.util.Arrays;

/**
 * How a backbone wants its input: resize the shorter side to {@code resize}, centre-crop to
 * {@code crop} x {@code crop}, scale to [0,1], normalise per channel with {@code mean}/{@code std},
 * in {@code channels} order ("RGB" or "BGR").
 */
public record Preprocessing(int resize, int crop, double[] mean, double[] std, String channels) {

    /** The torchvision ImageNet recipe: resize 256, crop 224, ImageNet mean/std, RGB. */
    public static Preprocessing imagenet(int crop) {
        return new Preprocessing((int) Math.round(crop / 0.875), crop,
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, "RGB");
    }

    public Preprocessing {
        if (crop <= 0 || resize < crop) {
            throw new IllegalArgumentException("need 0 < crop <= resize, got resize " + resize + ", crop " + crop);
        }
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values each");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be > 0: " + Arrays.toString(std));
            }
        }
        if (!"RGB".equals(channels) && !"BGR".equals(channels)) {
            throw new IllegalArgumentException("channels must be RGB or BGR, got " + channels);
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.resize == resize && p.crop == crop
                && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std) && p.channels.equals(channels);
    }

    @Override
    public int hashCode() {
        return ((resize * 31 + crop) * 31 + Arrays.hashCode(mean)) * 31 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "resize " + resize + ", crop " + crop + ", mean " + Arrays.toString(mean) + ", std "
                + Arrays.toString(std) + ", " + channels;
    }
}
