package dev.modelscout.cli;

import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Metrics;
import dev.modelscout.recommender.Popularity;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.RankingQuality;
import dev.modelscout.recommender.Provenance;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.report.RecommendationReport;
import dev.modelscout.report.RecommendationReport.Candidate;
import dev.modelscout.report.RecommendationReport.NaivePick;
import java.io.IOException;
import java.nio.file.Path;
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
     * @param historyMeans       mean accuracy per model of the recommender's training history when the command
     *                           knows it (the embedded world), else null (looked up from the provenance)
     * @param intervals          the predictions' intervals, or null when the recommender has none
     */
    record Run(String datasetId, List<Prediction> ranked, List<String> scores, int top, Recommender recommender,
               String origin, Path zoo, Path images, int perClass, long sampleSeed, String device,
               double recommenderSeconds, double pipelineSeconds, RunRecord record, String truthSource,
               Map<String, Double> truth, Map<String, Double> historyMeans,
               dev.modelscout.recommender.PredictionIntervals intervals) {
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
            var in = run.intervals() == null ? null : run.intervals().of(p.model());
            candidates.add(new Candidate(p.rank(), p.model(), row.cell(HistorySchema.ARCH_FAMILY),
                    row.cell(HistorySchema.PRETRAIN_DATASET), in == null ? p.predicted() : in.predicted(), scores,
                    row.number(HistorySchema.GMACS), row.number(HistorySchema.PARAMS_M),
                    truth == null ? Double.NaN : truth, in == null ? Double.NaN : in.low(),
                    in == null ? Double.NaN : in.high()));
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
        List<String> notes = new ArrayList<>();
        List<String> strangers = run.truth().keySet().stream()
                .filter(m -> candidates.stream().noneMatch(c -> c.model().equals(m))).sorted().toList();
        if (!strangers.isEmpty()) {
            notes.add(strangers.size() + " model" + (strangers.size() == 1 ? "" : "s") + " of " + run.truthSource()
                    + " not ranked here (not in the zoo, or not selected): " + String.join(", ", strangers));
        }
        Optional<Map<String, Double>> means = run.historyMeans() != null ? Optional.of(run.historyMeans())
                : RankingQuality.historyMeans(run.recommender(), notes);
        RankingQuality q = RankingQuality.of(run.ranked(), run.truth(), means, notes);
        List<NaivePick> picks = q.picks().stream().map(p -> new NaivePick(p.rule(), p.model(), p.regret())).toList();
        return new RecommendationReport.Truth(run.truthSource(), q.known(), q.regret(), q.kendall(), q.spearman(), picks,
                q.notes().stream().map(RecommendReportData::sentence).toList());
    }

    /** A note as a sentence: capital first letter, full stop. */
    private static String sentence(String note) {
        String s = note.isEmpty() ? note : Character.toUpperCase(note.charAt(0)) + note.substring(1);
        return s.endsWith(".") ? s : s + ".";
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
            return dev.modelscout.core.Sha256.hex(file);
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        }
    }
}
