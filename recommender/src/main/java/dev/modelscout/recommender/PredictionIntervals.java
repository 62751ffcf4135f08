package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intervals of one dataset's ranked predictions ({@link Calibration}), with what makes them out of the
 * recommender's domain: models it never saw, columns it reads that no candidate has. Out-of-domain rows get the
 * widened interval, and {@link #note()} says why in one line.
 *
 * @param level   nominal coverage
 * @param byModel every candidate's interval
 * @param unseen  candidates the recommender has no model effect for
 * @param absent  columns the recommender reads that no candidate has a value in
 * @param beyond  columns with a candidate value far outside the recommender's training range
 *                ({@link Recommender#outOfRange})
 */
public record PredictionIntervals(double level, Map<String, Calibration.Interval> byModel, List<String> unseen,
                                  List<String> absent, List<String> beyond) {

    public PredictionIntervals {
        byModel = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byModel));
        unseen = List.copyOf(unseen);
        absent = List.copyOf(absent);
        beyond = List.copyOf(beyond);
    }

    /** The intervals of {@code ranked} at {@code level}; null when {@code calibration} is (a model saved without). */
    public static PredictionIntervals of(Calibration calibration, Recommender r, List<Prediction> ranked, double level) {
        if (calibration == null) {
            return null;
        }
        List<String> absent = Prediction.absentColumns(r, ranked.stream().map(Prediction::row).toList());
        java.util.Set<String> known = r.knownModels();
        List<List<String>> far = r.outOfRange(ranked.stream().map(Prediction::row).toList());
        java.util.Set<String> beyond = new java.util.LinkedHashSet<>();
        List<String> unseen = new ArrayList<>();
        Map<String, Calibration.Interval> out = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            Prediction p = ranked.get(i);
            boolean newModel = !known.isEmpty() && !known.contains(p.model());
            if (newModel) {
                unseen.add(p.model());
            }
            beyond.addAll(far.get(i));
            out.put(p.model(), calibration.interval(p.predicted(), level,
                    newModel || !absent.isEmpty() || !far.get(i).isEmpty()));
        }
        return new PredictionIntervals(level, out, unseen, absent, List.copyOf(beyond));
    }

    public Calibration.Interval of(String model) {
        return byModel.get(model);
    }

    /** One line saying what is out of domain, or null when nothing is. */
    public String note() {
        List<String> parts = new ArrayList<>();
        if (!unseen.isEmpty()) {
            parts.add(unseen.size() + " of " + byModel.size() + " backbones are not in the recommender's training "
                    + "history (e.g. " + unseen.get(0) + ")");
        }
        if (!beyond.isEmpty()) {
            parts.add("some backbones' " + String.join(", ", beyond) + " lie far outside the training range");
        }
        if (!absent.isEmpty()) {
            parts.add("no candidate has " + String.join(", ", absent) + ", which it reads");
        }
        if (parts.isEmpty()) {
            return null;
        }
        return "out of domain: " + String.join("; ", parts) + ": predictions say little there, their "
                + Math.round(level * 100) + "% intervals are widened to the accuracies seen on the history's datasets";
    }
}
