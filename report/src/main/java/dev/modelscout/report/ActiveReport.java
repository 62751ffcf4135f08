package dev.modelscout.report;

import java.util.List;
import java.util.Objects;

/**
 * What {@code evaluate --protocol active --report} adds to the evaluation page: each order's mean regret after k
 * fine-tunes and, where the history has learning curves, after a budget of backbone-epochs (multi-fidelity orders
 * among them).
 *
 * @param eps         the stop rule's gap (the "within" of the console's table)
 * @param byFineTunes regret against the number of fine-tunes, one point per order and k
 * @param byBudget    regret against backbone-epochs, one point per order and budget (empty without curves)
 * @param epochs      epochs of a full fine-tune in the curves (0 without)
 * @param curves      the curves file, or null
 */
public record ActiveReport(double eps, List<Point> byFineTunes, List<Point> byBudget, int epochs, String curves) {

    /**
     * One order's mean regret at one x.
     *
     * @param kind   {@code full} (each backbone fine-tuned for every epoch) or {@code multi_fidelity}
     * @param x      fine-tunes, or backbone-epochs
     * @param spread the standard deviation that goes with it (NaN when unknown)
     */
    public record Point(String order, String kind, double x, double regret, double spread) {
        public Point {
            Objects.requireNonNull(order, "order");
        }
    }

    public ActiveReport {
        byFineTunes = List.copyOf(byFineTunes);
        byBudget = List.copyOf(byBudget);
    }
}
