package dev.modelscout.cli;

import dev.modelscout.recommender.Calibration;
import java.util.Locale;

/** How a recommender's calibrated intervals are described in one line. */
final class IntervalText {

    private IntervalText() {
    }

    static String of(Calibration c) {
        if (c == null) {
            return "none (a history of one dataset has no leave-one-dataset-out residuals)";
        }
        StringBuilder sb = new StringBuilder();
        for (Calibration.Band b : c.bands()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f%%: +-%.3f",
                    100 * b.level(), b.halfWidth()));
        }
        return sb + String.format(Locale.ROOT, " (split-conformal on leave-one-dataset-out residuals: %d datasets, %d jobs)",
                c.datasets(), c.jobs());
    }
}
