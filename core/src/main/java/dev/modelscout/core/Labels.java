package dev.modelscout.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Class ids of N images, always contiguous {@code 0..C-1}, with the name of each class.
 * Use {@link #remap(int[])} for raw ids that may have gaps (e.g. {3, 7, 7, 42}).
 */
public record Labels(int[] ids, List<String> classNames) {

    public Labels {
        classNames = List.copyOf(classNames);
        int c = classNames.size();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= c) {
                throw new IllegalArgumentException("label " + ids[i] + " at index " + i + " is outside 0.." + (c - 1));
            }
        }
    }

    /**
     * Remaps arbitrary integer class ids to contiguous ids in ascending order of the raw id;
     * class names are the raw ids as text.
     */
    public static Labels remap(int[] raw) {
        long[] wide = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            wide[i] = raw[i];
        }
        return remap(wide);
    }

    /**
     * Remaps arbitrary 64-bit integer class ids (such as {@code 3000000000}, or hashed ids) to contiguous
     * ids {@code 0..C-1} in ascending order of the raw id; class names are the raw ids as text.
     */
    public static Labels remap(long[] raw) {
        long[] distinct = Arrays.stream(raw).distinct().sorted().toArray();
        List<String> names = new ArrayList<>(distinct.length);
        for (long d : distinct) {
            names.add(Long.toString(d));
        }
        int[] ids = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            ids[i] = Arrays.binarySearch(distinct, raw[i]);
        }
        return new Labels(ids, names);
    }

    public int size() {
        return ids.length;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Number of images of each class. */
    public int[] counts() {
        int[] counts = new int[numClasses()];
        for (int id : ids) {
            counts[id]++;
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(l.ids, ids) && l.classNames.equals(classNames);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + classNames.hashCode();
    }

    @Override
    public String toString() {
        return "Labels[n=" + ids.length + ", classes=" + classNames.size() + "]";
    }
}
