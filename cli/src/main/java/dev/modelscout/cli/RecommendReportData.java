package dev.modelscout.cli;

import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Metrics;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.Provenance;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.report.RecommendationReport;
import dev.modelscout.report.RecommendationReport.Candidate;
import dev.modelscout.report.RecommendationReport.NaivePick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Gathers what {@code recommend} has (the ranked predictions with their typed rows, the recommender and its
 * provenance, the zoo and image paths, the run's messages and timings, the true accuracies) into the plain
 * {@link RecommendationReport} the report module renders; the metrics come from the recommender module's
 * {@link Metrics}, so the page shows the numbers {@code evaluate} would.
 */
final class RecommendReportData {

    private RecommendReportData() {
    }

    /**
     * One recommend run, as the command has it.
     *
     * @param recommenderSeconds loading or training the recommender
     * @param pipelineSeconds    features, scores and prediction
     * @param record             the pipeline's messages and extraction times
     * @param truthSource        the --truth file, or null
     * @param truth              true accuracy by model (of the target dataset), or null
     */
    record Run(String datasetId, List<Prediction> ranked, List<String> scores, int top, Recommender recommender,
               String origin, Path zoo, Path images, int perClass, long sampleSeed, String device,
               double recommenderSeconds, double pipelineSeconds, RunRecord record, String truthSource,
               Map<String, Double> truth) {
    }

    /** How the command got its recommender, for people. */
    static String origin(RecommenderSource s) {
        if (s.model != null) {
            return "loaded from --model " + s.model;
        }
        if (s.history != null) {
            return "trained now on --history " + s.history;
        }
        return "the embedded default (" + RecommenderSource.DEFAULT_RECOMMENDER + ")";
    }

    static RecommendationReport of(Run run) {
        List<Candidate> candidates = new ArrayList<>();
        for (Prediction p : run.ranked()) {
            Job row = p.row();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String s : run.scores()) {
                scores.put(s, row.number(HistorySchema.scoreColumn(s)));
            }
            Double truth = run.truth() == null ? null : run.truth().get(p.model());
            candidates.add(new Candidate(p.rank(), p.model(), row.cell(HistorySchema.ARCH_FAMILY),
                    row.cell(HistorySchema.PRETRAIN_DATASET), p.predicted(), scores, row.number(HistorySchema.GMACS),
                    row.number(HistorySchema.PARAMS_M), truth == null ? Double.NaN : truth));
        }
        Map<String, Double> kendall = new LinkedHashMap<>();
        for (String s : run.scores()) {
            kendall.put(s, agreement(candidates, c -> c.score(s), Candidate::predicted, Metrics::kendall));
        }
        RecommendationReport.Truth truth = run.truth() == null ? null : truth(run, candidates);
        return new RecommendationReport(run.datasetId(), candidates, run.scores(), kendall, run.top(), truth,
                provenance(run));
    }

    interface Statistic {
        double of(double[] x, double[] y);
    }

    /** {@code statistic} of x and y over the candidates where both are known. */
    static double agreement(List<Candidate> cs, ToDoubleFunction<Candidate> x, ToDoubleFunction<Candidate> y,
            Statistic statistic) {
        List<Candidate> both = cs.stream()
                .filter(c -> Double.isFinite(x.applyAsDouble(c)) && Double.isFinite(y.applyAsDouble(c))).toList();
        return statistic.of(both.stream().mapToDouble(x).toArray(), both.stream().mapToDouble(y).toArray());
    }

    private static RecommendationReport.Truth truth(Run run, List<Candidate> candidates) {
        List<Candidate> known = candidates.stream().filter(c -> Double.isFinite(c.trueAccuracy())).toList();
        double[] predicted = known.stream().mapToDouble(Candidate::predicted).toArray();
        double[] accuracy = known.stream().mapToDouble(Candidate::trueAccuracy).toArray();
        double best = known.stream().mapToDouble(Candidate::trueAccuracy).max().orElse(Double.NaN);
        List<String> notes = new ArrayList<>();
        List<String> strangers = run.truth().keySet().stream()
                .filter(m -> candidates.stream().noneMatch(c -> c.model().equals(m))).sorted().toList();
        if (!strangers.isEmpty()) {
            notes.add(strangers.size() + " model" + (strangers.size() == 1 ? "" : "s") + " of " + run.truthSource()
                    + " not ranked here (not in the zoo, or not selected): " + String.join(", ", strangers));
        }
        if (!known.isEmpty() && known.size() < candidates.size()) {
            notes.add("Regret and rank correlations are over the " + known.size() + " backbones with a true accuracy; "
                    + "the others are left out.");
        }
        List<NaivePick> picks = new ArrayList<>();
        Map<String, Candidate> byModel = new HashMap<>();
        candidates.forEach(c -> byModel.put(c.model(), c));
        Optional<String> popular = bestOnAverageInHistory(run.recommender(), byModel.keySet(), notes);
        popular.ifPresent(m -> picks.add(pick("best on average in the training history", byModel.get(m), best)));
        if (run.scores().contains("logme")) {
            maxBy(candidates, c -> c.score("logme"))
                    .ifPresentOrElse(c -> picks.add(pick("highest LogME", c, best)),
                            () -> notes.add("No backbone has a LogME score, so there is no 'highest LogME' pick."));
        } else {
            notes.add("LogME was not computed (add it with --scores logme), so there is no 'highest LogME' pick.");
        }
        Optional<Candidate> largest = maxBy(candidates, Candidate::paramsM);
        if (largest.isPresent()) {
            picks.add(pick("largest model (parameters)", largest.get(), best));
        } else {
            maxBy(candidates, Candidate::gmacs).ifPresentOrElse(c -> picks.add(pick("largest model (GMACs)", c, best)),
                    () -> notes.add("No backbone has a parameter count or GMACs, so there is no 'largest model' pick."));
        }
        return new RecommendationReport.Truth(run.truthSource(), known.size(), Metrics.regret(predicted, accuracy),
                Metrics.kendall(predicted, accuracy), Metrics.spearman(predicted, accuracy), picks, notes);
    }

    private static NaivePick pick(String rule, Candidate c, double best) {
        return new NaivePick(rule, c.model(), best - c.trueAccuracy());
    }

    private static Optional<Candidate> maxBy(List<Candidate> cs, ToDoubleFunction<Candidate> value) {
        return cs.stream().filter(c -> Double.isFinite(value.applyAsDouble(c)))
                .max(Comparator.comparingDouble(value).thenComparing(Candidate::rank, Comparator.reverseOrder()));
    }

    /**
     * Of the ranked models, the one with the highest mean accuracy in the recommender's training history: the
     * popularity model's own means, else the history file named in its provenance when it is here and unchanged
     * (same SHA-256). Empty, with a note saying why, when that cannot be known.
     */
    static Optional<String> bestOnAverageInHistory(Recommender r, java.util.Set<String> models, List<String> notes) {
        Map<String, Double> means;
        if (r instanceof Popularity.Model pop) {
            means = pop.modelMean();
        } else {
            Provenance prov = r.provenance();
            String why = "so there is no 'best on average in the training history' pick";
            Path file = prov.historySource() == null ? null : Path.of(prov.historySource());
            if (file == null || !Files.isRegularFile(file)) {
                notes.add("The recommender's training history " + prov.historySource() + " is not here, " + why + ".");
                return Optional.empty();
            }
            TrainingHistory h;
            try {
                h = HistoryReader.read(file, ReadOptions.defaults());
            } catch (ModelScoutException e) {
                notes.add("The recommender's training history cannot be read (" + e.getMessage() + "), " + why + ".");
                return Optional.empty();
            }
            if (!Objects.equals(h.sha256(), prov.historySha256())) {
                notes.add("The recommender's training history " + file + " has changed since it was trained (SHA-256 "
                        + h.sha256() + ", not " + prov.historySha256() + "), " + why + ".");
                return Optional.empty();
            }
            Map<String, double[]> sums = new HashMap<>();
            for (Job j : h.jobs()) {
                double[] s = sums.computeIfAbsent(j.model(), k -> new double[2]);
                s[0] += j.accuracy();
                s[1]++;
            }
            means = new HashMap<>();
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                means.put(e.getKey(), e.getValue()[0] / e.getValue()[1]);
            }
        }
        Optional<String> best = models.stream().filter(means::containsKey)
                .max(Comparator.<String>comparingDouble(means::get).thenComparing(Comparator.reverseOrder()));
        if (best.isEmpty()) {
            notes.add("None of the ranked backbones is in the recommender's training history, so there is no "
                    + "'best on average in the training history' pick.");
        }
        return best;
    }

    private static RecommendationReport.Run provenance(Run run) {
        List<String> skipped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ImageDataset all = ImageDataset.open(run.images());
        all.note().ifPresent(skipped::add);
        for (String m : run.record().messages()) {
            if (m.startsWith("warning: skipped")) {
                skipped.add(m.substring("warning: ".length()));
            } else if (!(m.startsWith("note: ") && all.note().isPresent() && m.endsWith(all.note().get()))) {
                notes.add(m);
            }
        }
        int used = run.perClass() > 0 ? all.subsample(run.perClass(), run.sampleSeed()).size() : all.size();
        Provenance p = run.recommender().provenance();
        RecommendationReport.RecommenderInfo rec = new RecommendationReport.RecommenderInfo(run.origin(), p.trainer(),
                p.settings(), p.seed(), p.historySource(), p.historySha256(), p.rows(), p.features());
        double extraction = run.record().extractionSeconds();
        int fromCache = run.ranked().size() - run.record().extracted();
        List<RecommendationReport.Timing> timings = List.of(
                new RecommendationReport.Timing("recommender (load or train)", run.recommenderSeconds()),
                new RecommendationReport.Timing("feature extraction (" + run.record().extracted() + " extracted, "
                        + Math.max(0, fromCache) + " from the cache)", extraction),
                new RecommendationReport.Timing("model loading, cache reads, scores and prediction",
                        Math.max(0, run.pipelineSeconds() - extraction)),
                new RecommendationReport.Timing("total", run.recommenderSeconds() + run.pipelineSeconds()));
        String version = Main.class.getPackage().getImplementationVersion();
        return new RecommendationReport.Run(version == null ? "(development build)" : version,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new RecommendationReport.Zoo(run.zoo().toAbsolutePath().normalize().toString(), sha256(run.zoo()),
                        run.ranked().size()),
                new RecommendationReport.Images(run.images().toAbsolutePath().normalize().toString(), all.size(),
                        all.classNames().size(), used, run.perClass(), skipped),
                rec, run.device(), timings, notes);
    }

    static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
