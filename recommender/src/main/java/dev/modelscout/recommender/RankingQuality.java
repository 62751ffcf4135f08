package dev.modelscout.recommender;

import dev.modelscout.core.ModelScoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * How good a ranking was, once the true fine-tuned accuracies are known: top-1 regret, whether the true best is in
 * the top 3, Kendall and Spearman between predicted and true accuracy, and what the picks a user would make without
 * the tool would have cost (the backbone best on average in the recommender's training history, the highest LogME,
 * the largest model). Only the ranked backbones with a true accuracy count.
 *
 * @param known     ranked backbones with a true accuracy
 * @param best      the truly best of them and its accuracy
 * @param top1      the recommender's first pick and its true accuracy
 * @param hitTop3   1 when the truly best is among the first three, else 0 (NaN with nothing known)
 * @param picks     the naive picks, each with its true accuracy and regret
 * @param notes     why a pick or a number is missing, for people
 */
public record RankingQuality(int known, Pick best, Pick top1, double regret, double hitTop3, double kendall,
                             double spearman, List<Pick> picks, List<String> notes) {

    /**
     * A backbone picked by {@code rule}, its true accuracy, and its regret against the truly best; a tie of several
     * backbones has them all in {@code models} (its {@code model} names them for people) and their mean accuracy.
     */
    public record Pick(String rule, String model, double accuracy, double regret, List<String> models) {

        public Pick {
            models = List.copyOf(models);
        }

        /** One backbone. */
        public Pick(String rule, String model, double accuracy, double regret) {
            this(rule, model, accuracy, regret, List.of(model));
        }
    }

    public RankingQuality {
        picks = List.copyOf(picks);
        notes = List.copyOf(notes);
    }

    /**
     * The quality of {@code ranked} (one dataset's predictions, best first) against {@code truth} (model -> true
     * accuracy), with the naive picks; {@code recommender} tells the best-on-average pick where its history is.
     */
    public static RankingQuality of(List<Prediction> ranked, Map<String, Double> truth, Recommender recommender) {
        List<String> notes = new ArrayList<>();
        return of(ranked, truth, historyMeans(recommender, notes), notes);
    }

    /**
     * The same with the mean accuracy per model of the training history given ({@link #meansOf}), or empty when
     * it is not known; {@code notesSoFar} are kept at the front of the notes.
     */
    public static RankingQuality of(List<Prediction> ranked, Map<String, Double> truth,
            Optional<Map<String, Double>> historyMeans, List<String> notesSoFar) {
        List<String> notes = new ArrayList<>(notesSoFar);
        List<Prediction> known = ranked.stream().filter(p -> truth.get(p.model()) != null
                && Double.isFinite(truth.get(p.model()))).toList();
        if (!known.isEmpty() && known.size() < ranked.size()) {
            notes.add("regret and rank correlations are over the " + known.size() + " backbones with a true accuracy");
        }
        // the ranking as shown (by predicted accuracy, or the transferable ranking out of domain), ties broken as there
        double[] predicted = known.stream().mapToDouble(p -> -p.rank()).toArray();
        double[] accuracy = known.stream().mapToDouble(p -> truth.get(p.model())).toArray();
        Optional<Prediction> bestP = known.stream().max(Comparator.comparingDouble(p -> truth.get(p.model())));
        double bestAcc = bestP.map(p -> truth.get(p.model())).orElse(Double.NaN);
        Pick best = bestP.map(p -> new Pick("truly best", p.model(), bestAcc, 0)).orElse(null);
        Pick top1 = known.isEmpty() ? null : pick("recommended (rank 1)", known.get(0), truth, bestAcc);
        List<Pick> picks = new ArrayList<>();
        Set<String> models = new java.util.LinkedHashSet<>();
        known.forEach(p -> models.add(p.model()));
        historyMeans.flatMap(means -> models.stream().filter(means::containsKey)
                .max(Comparator.<String>comparingDouble(means::get).thenComparing(Comparator.reverseOrder())))
                .ifPresent(m -> picks.add(pick("best on average in the training history", byModel(known, m), truth, bestAcc)));
        List<Prediction> logme = maxBy(known, p -> p.row().number(HistorySchema.scoreColumn("logme")));
        if (logme.isEmpty()) {
            notes.add("no backbone has a LogME score, so there is no 'highest LogME' pick");
        } else {
            picks.add(tiedPick("highest LogME", logme, truth, bestAcc, notes));
        }
        List<Prediction> largest = maxBy(known, p -> p.row().number(HistorySchema.PARAMS_M));
        if (!largest.isEmpty()) {
            picks.add(tiedPick("largest model (parameters)", largest, truth, bestAcc, notes));
        } else {
            List<Prediction> byGmacs = maxBy(known, p -> p.row().number(HistorySchema.GMACS));
            if (byGmacs.isEmpty()) {
                notes.add("no backbone has a parameter count or GMACs, so there is no 'largest model' pick");
            } else {
                picks.add(tiedPick("largest model (GMACs)", byGmacs, truth, bestAcc, notes));
            }
        }
        return new RankingQuality(known.size(), best, top1, Metrics.regret(predicted, accuracy),
                known.isEmpty() ? Double.NaN : Metrics.hitAtK(predicted, accuracy, 3), Metrics.kendall(predicted, accuracy),
                Metrics.spearman(predicted, accuracy), picks, notes);
    }

    private static Prediction byModel(List<Prediction> ps, String model) {
        return ps.stream().filter(p -> p.model().equals(model)).findFirst().orElseThrow();
    }

    private static Pick pick(String rule, Prediction p, Map<String, Double> truth, double best) {
        double a = truth.get(p.model());
        return new Pick(rule, p.model(), a, best - a);
    }

    /**
     * A naive pick that may be a tie: one backbone, or, when several share the largest value, all of them, valued at
     * their mean true accuracy (what a pick at random among them is worth), never broken by the recommender's own
     * ranking (which would credit the naive pick with the recommender's knowledge).
     */
    static Pick tiedPick(String rule, List<Prediction> tied, Map<String, Double> truth, double best, List<String> notes) {
        if (tied.size() == 1) {
            return pick(rule, tied.get(0), truth, best);
        }
        List<String> names = tied.stream().map(Prediction::model).sorted().toList();
        double mean = tied.stream().mapToDouble(p -> truth.get(p.model())).average().orElse(Double.NaN);
        notes.add("'" + rule + "' is a tie of " + tied.size() + " backbones (" + String.join(", ", names)
                + "): its accuracy is their mean, a pick at random among them");
        return new Pick(rule, String.join(" | ", names), mean, best - mean, names);
    }

    /** The backbones with the largest finite {@code value}: one, or every one of a tie. */
    private static List<Prediction> maxBy(List<Prediction> ps, ToDoubleFunction<Prediction> value) {
        double max = ps.stream().mapToDouble(value).filter(Double::isFinite).max().orElse(Double.NaN);
        if (Double.isNaN(max)) {
            return List.of();
        }
        return ps.stream().filter(p -> value.applyAsDouble(p) == max).toList();
    }

    /**
     * Mean accuracy per model in the recommender's training history: the popularity model's own means, else the
     * history file named in its provenance when it is here and unchanged (same SHA-256). Empty, with a note saying
     * why, when that cannot be known.
     */
    public static Optional<Map<String, Double>> historyMeans(Recommender r, List<String> notes) {
        if (r instanceof Popularity.Model pop) {
            return Optional.of(pop.modelMean());
        }
        Provenance prov = r.provenance();
        String why = "so there is no 'best on average in the training history' pick";
        Path file = prov.historySource() == null ? null : Path.of(prov.historySource());
        if (file == null || !Files.isRegularFile(file)) {
            notes.add("the recommender's training history " + prov.historySource() + " is not here, " + why);
            return Optional.empty();
        }
        TrainingHistory h;
        try {
            h = HistoryReader.read(file, ReadOptions.defaults().withOnDuplicate(OnDuplicate.MEAN));
        } catch (ModelScoutException e) {
            notes.add("the recommender's training history cannot be read (" + e.getMessage() + "), " + why);
            return Optional.empty();
        }
        if (!Objects.equals(h.sha256(), prov.historySha256())) {
            notes.add("the recommender's training history " + file + " has changed since it was trained, " + why);
            return Optional.empty();
        }
        return Optional.of(meansOf(h));
    }

    /** Mean accuracy per model over the jobs of {@code h}. */
    public static Map<String, Double> meansOf(TrainingHistory h) {
        Map<String, double[]> sums = new HashMap<>();
        for (Job j : h.jobs()) {
            double[] s = sums.computeIfAbsent(j.model(), k -> new double[2]);
            s[0] += j.accuracy();
            s[1]++;
        }
        Map<String, Double> means = new HashMap<>();
        sums.forEach((m, s) -> means.put(m, s[0] / s[1]));
        return means;
    }
}
