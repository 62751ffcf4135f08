package dev.modelscout.report;

import java.util.List;
import java.util.Objects;

/**
 * What {@code select --report} shows: the guided loop's trajectory on one target, fine-tune by fine-tune.
 *
 * @param dataset  the target
 * @param steps    every fine-tune in order
 * @param stopped  why the loop stopped, for people
 * @param best     the best backbone found (null when none)
 */
public record SelectionReport(String dataset, List<Step> steps, String stopped, String best) {

    /**
     * One fine-tune.
     *
     * @param round     the round it was chosen in (1-based)
     * @param predicted what the loop predicted for it when it chose it
     * @param low       the low end of that prediction's 90% interval
     * @param high      its high end
     * @param measured  the accuracy the fine-tune measured
     */
    public record Step(int round, String model, double predicted, double low, double high, double measured) {
        public Step {
            Objects.requireNonNull(model, "model");
        }
    }

    public SelectionReport {
        Objects.requireNonNull(dataset, "dataset");
        steps = List.copyOf(steps);
        stopped = stopped == null ? "" : stopped;
    }
}
