package dev.modelscout.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places point labels of a scatter chart so that none overlaps a point, a line or another label: Vega-Lite draws a
 * text mark where it is told and does not avoid collisions, so the page computes each label's place here, with the
 * axes' ranges set explicitly (so a value's place in pixels is known) and each label's size estimated from its length.
 */
final class Labels {

    /** Estimated size of a label in CSS pixels at font size 11: width per character, height. */
    static final double CHAR_WIDTH = 6.4;
    static final double LABEL_HEIGHT = 13;
    static final double POINT_RADIUS = 6;

    private Labels() {
    }

    /** A labelled point, in data units, and the radius in pixels of its marker. */
    record Point(String name, double x, double y, double radius) {
        Point(String name, double x, double y) {
            this(name, x, y, POINT_RADIUS);
        }
    }

    /**
     * A chart's plot area in pixels and its axes' ranges; x on a log scale when {@code logX}. Pixel y grows downwards.
     */
    record Axes(double x0, double x1, double y0, double y1, boolean logX, int width, int height) {
        private double fx(double x) {
            return logX ? Math.log(x) : x;
        }

        double px(double x) {
            return width * (fx(x) - fx(x0)) / (fx(x1) - fx(x0));
        }

        double py(double y) {
            return height * (y1 - y) / (y1 - y0);
        }

        double x(double px) {
            double f = fx(x0) + px / width * (fx(x1) - fx(x0));
            return logX ? Math.exp(f) : f;
        }

        double y(double py) {
            return y1 - py / height * (y1 - y0);
        }

        /** Log x over the range of {@code xs} (positive), y over the range of accuracies, each with a margin. */
        static Axes logCost(double[] xs, double[] accuracies, int width, int height) {
            double lx0 = Math.log(Arrays.stream(xs).min().orElse(1));
            double lx1 = Math.log(Arrays.stream(xs).max().orElse(1));
            double mx = lx1 > lx0 ? 0.06 * (lx1 - lx0) : 0.5;
            double[] y = accuracyRange(accuracies);
            return new Axes(Math.exp(lx0 - mx), Math.exp(lx1 + mx), y[0], y[1], true, width, height);
        }
    }

    /**
     * The range of {@code accuracies} with a margin of 8 % (at least 0.005) each side, kept within [0, 1] where the
     * data are (accuracies never run to 1.1).
     */
    static double[] accuracyRange(double... accuracies) {
        double a0 = Arrays.stream(accuracies).filter(Double::isFinite).min().orElse(0);
        double a1 = Arrays.stream(accuracies).filter(Double::isFinite).max().orElse(1);
        double m = Math.max(0.08 * (a1 - a0), 0.005);
        return new double[] {a0 >= 0 ? Math.max(0, a0 - m) : a0 - m, a1 <= 1 ? Math.min(1, a1 + m) : a1 + m};
    }

    /**
     * Where each label goes (its centre, in data units), for the points of {@code order} (most important first): the
     * first of eight places around its point (right, left, above, below, then the corners) that stays inside the plot
     * and overlaps no marker of {@code all} (the label's own included), no box of {@code obstacles} (pixels: x0, y0,
     * x1, y1) and no label placed before it. A label with no such place is left out (the point's tooltip names it).
     * Invariant: no two placed labels' estimated boxes overlap.
     */
    static Map<String, double[]> place(List<Point> order, List<Point> all, Axes axes, List<double[]> obstacles) {
        List<double[]> taken = new ArrayList<>(obstacles);
        for (Point p : all) {
            double px = axes.px(p.x());
            double py = axes.py(p.y());
            double r = p.radius();
            taken.add(new double[] {px - r, py - r, px + r, py + r});
        }
        Map<String, double[]> placed = new LinkedHashMap<>();
        for (Point p : order) {
            double gap = p.radius() + 2;
            double d = gap / 1.4;
            double px = axes.px(p.x());
            double py = axes.py(p.y());
            double w = CHAR_WIDTH * p.name().length();
            double h = LABEL_HEIGHT;
            double[][] centres = {
                {px + gap + w / 2, py}, {px - gap - w / 2, py}, {px, py - gap - h / 2}, {px, py + gap + h / 2},
                {px + d + w / 2, py - d - h / 2}, {px - d - w / 2, py - d - h / 2},
                {px + d + w / 2, py + d + h / 2}, {px - d - w / 2, py + d + h / 2}};
            for (double[] ctr : centres) {
                double[] box = {ctr[0] - w / 2, ctr[1] - h / 2, ctr[0] + w / 2, ctr[1] + h / 2};
                if (box[0] < 0 || box[2] > axes.width() || box[1] < 0 || box[3] > axes.height()) {
                    continue;
                }
                if (taken.stream().noneMatch(b -> overlaps(b, box))) {
                    taken.add(box);
                    placed.put(p.name(), new double[] {axes.x(ctr[0]), axes.y(ctr[1])});
                    break;
                }
            }
        }
        return placed;
    }

    /** A thin box (pixels) along the segment from (x0, y0) to (x1, y1), which is horizontal or vertical. */
    static double[] segment(double x0, double y0, double x1, double y1) {
        return new double[] {Math.min(x0, x1) - 1.5, Math.min(y0, y1) - 1.5, Math.max(x0, x1) + 1.5, Math.max(y0, y1) + 1.5};
    }

    static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }
}
