package dev.modelscout.workflow.recommend;

import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.Metrics;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.Provenance;
import dev.modelscout.recommender.RankingQuality;
import dev.modelscout.recommender.TruthNoise;
import dev.modelscout.report.RecommendationReport;
import dev.modelscout.report.RecommendationReport.Candidate;
import dev.modelscout.report.RecommendationReport.NaivePick;
import dev.modelscout.workflow.BuildInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Turns a {@link RecommendRun} (the ranked candidates with their typed rows, the recommender and where it came from,
 * the images as read, the run's messages and timings) and the true accuracies into the plain
 * {@link RecommendationReport} the report module renders; the metrics come from the recommender module's
 * {@link Metrics}, so the page shows the numbers {@code evaluate} would. Reads no file: everything is in the run.
 */
public final class RecommendReportData {

    private RecommendReportData() {
    }

    /**
     * The report of {@code run}.
     *
     * @param top         candidates the terminal showed
     * @param truthSource the file of the true accuracies, or null
     * @param truth       true accuracy by model (of the target dataset), or null
     */
    public static RecommendationReport of(RecommendRun run, int top, String truthSource, Map<String, Double> truth) {
        return of(run, top, truthSource, truth, Map.of(), Map.of());
    }

    /**
     * The report of {@code run} with what is known of the truth's noise: each true accuracy's standard error and
     * its per-seed accuracies (either map may be empty), for the page's error bars and Kendall intervals.
     */
    public static RecommendationReport of(RecommendRun run, int top, String truthSource, Map<String, Double> truth,
            Map<String, Double> standardErrors, Map<String, double[]> seeds) {
        Map<String, Double> ses = new LinkedHashMap<>();
        if (truth != null) {
            for (String m : truth.keySet()) {
                Double given = standardErrors.get(m);
                double se = given != null && Double.isFinite(given) ? given
                        : seeds.containsKey(m) ? TruthNoise.standardError(seeds.get(m)) : Double.NaN;
                if (Double.isFinite(se)) {
                    ses.put(m, se);
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (RecommendRun.Candidate c : run.candidates()) {
            Prediction p = c.prediction();
            Job row = p.row();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String s : run.scoreNames()) {
                scores.put(s, row.number(HistorySchema.scoreColumn(s)));
            }
            Double t = truth == null ? null : truth.get(p.model());
            var in = run.intervals() == null ? null : run.intervals().of(p.model());
            candidates.add(new Candidate(p.rank(), p.model(), row.cell(HistorySchema.ARCH_FAMILY),
                    row.cell(HistorySchema.PRETRAIN_DATASET), in == null ? p.predicted() : in.predicted(), scores,
                    row.number(HistorySchema.GMACS), row.number(HistorySchema.PARAMS_M), t == null ? Double.NaN : t,
                    in == null ? Double.NaN : in.low(), in == null ? Double.NaN : in.high(),
                    row.number(HistorySchema.DOMAIN_DISTANCE), ses.getOrDefault(p.model(), Double.NaN)));
        }
        RecommendationReport.Truth t = truth == null ? null : truth(run, truthSource, truth, candidates, ses, seeds);
        return new RecommendationReport(run.datasetId(), candidates, run.scoreNames(), top, t, provenance(run));
    }

    /** How good the ranking of {@code run} was against {@code truth}, with the naive picks (terminal and report). */
    public static RankingQuality quality(RecommendRun run, Map<String, Double> truth) {
        return RankingQuality.of(run.predictions(), truth, run.historyMeans(), run.meansNotes());
    }

    private static RecommendationReport.Truth truth(RecommendRun run, String truthSource, Map<String, Double> truth,
            List<Candidate> candidates, Map<String, Double> ses, Map<String, double[]> seeds) {
        List<String> notes = new ArrayList<>();
        List<String> strangers = truth.keySet().stream()
                .filter(m -> candidates.stream().noneMatch(c -> c.model().equals(m))).sorted().toList();
        if (!strangers.isEmpty()) {
            notes.add(strangers.size() + " model" + (strangers.size() == 1 ? "" : "s") + " of " + truthSource
                    + " not ranked here (not in the zoo, or not selected): " + String.join(", ", strangers));
        }
        notes.addAll(run.meansNotes());
        RankingQuality q = RankingQuality.of(run.predictions(), truth, run.historyMeans(), notes);
        List<NaivePick> picks = q.picks().stream().map(p -> new NaivePick(p.rule(), p.model(), p.regret())).toList();
        Optional<TruthNoise> noise = TruthNoise.of(run.predictions(), truth, ses, seeds);
        List<RecommendationReport.Ranker> rankers = new ArrayList<>();
        rankers.add(ranker("recommender", true, candidates, c -> -c.rank(), truth, ses, seeds));
        for (String s : run.scoreNames()) {
            rankers.add(ranker(s, false, candidates, c -> c.score(s), truth, ses, seeds));
        }
        return new RecommendationReport.Truth(truthSource, q.known(), q.regret(), q.kendall(), q.spearman(), picks,
                q.notes().stream().map(RecommendReportData::sentence).toList(), rankers,
                noise.map(n -> new RecommendationReport.Noise(n.basis(), n.top1Verdict())).orElse(null));
    }

    /**
     * Ranking the candidates by {@code value} alone (highest first) held against the truth: Kendall's tau over the
     * candidates with both, its interval over the truth's noise, what it ranks first (a tie: all of them, at their
     * mean true accuracy) and the regret of that pick against the best true accuracy of every candidate.
     */
    static RecommendationReport.Ranker ranker(String name, boolean recommender, List<Candidate> cs,
            ToDoubleFunction<Candidate> value, Map<String, Double> truth, Map<String, Double> ses,
            Map<String, double[]> seeds) {
        List<Candidate> both = cs.stream().filter(c -> Double.isFinite(value.applyAsDouble(c))
                && truth.get(c.model()) != null && Double.isFinite(truth.get(c.model()))).toList();
        double best = cs.stream().filter(c -> truth.get(c.model()) != null).mapToDouble(c -> truth.get(c.model()))
                .filter(Double::isFinite).max().orElse(Double.NaN);
        double[] x = both.stream().mapToDouble(value).toArray();
        double[] y = both.stream().mapToDouble(c -> truth.get(c.model())).toArray();
        double kendall = both.size() < 2 ? Double.NaN : Metrics.kendall(x, y);
        double[] interval = TruthNoise.kendallInterval(both.stream().map(Candidate::model).toList(), x, truth, ses, seeds);
        double max = java.util.Arrays.stream(x).max().orElse(Double.NaN);
        List<Candidate> first = both.stream().filter(c -> value.applyAsDouble(c) == max).toList();
        String pick = first.isEmpty() ? null : String.join(" | ", first.stream().map(Candidate::model).toList());
        double pickAccuracy = first.stream().mapToDouble(c -> truth.get(c.model())).average().orElse(Double.NaN);
        return new RecommendationReport.Ranker(name, recommender, both.size(), kendall, interval[0], interval[1], pick,
                pickAccuracy, best - pickAccuracy);
    }

    /** A note as a sentence: capital first letter, full stop. */
    private static String sentence(String note) {
        String s = note.isEmpty() ? note : Character.toUpperCase(note.charAt(0)) + note.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private static RecommendationReport.Run provenance(RecommendRun run) {
        RecommendRun.Images im = run.images();
        List<String> skipped = new ArrayList<>();
        if (im.note() != null) {
            skipped.add(im.note());
        }
        if (!im.skipped().isEmpty()) {
            skipped.add("skipped " + im.skipped().size() + " unreadable image(s): " + String.join("; ", im.skipped()));
        }
        ChosenRecommender chosen = run.recommender();
        Provenance p = chosen.recommender().provenance();
        RecommendationReport.RecommenderInfo rec = new RecommendationReport.RecommenderInfo(chosen.origin(),
                p.trainer(), p.settings(), p.seed(), chosen.historySource(), p.historySha256(), p.rows(), p.features());
        RecommendRun.Timings t = run.timings();
        int fromCache = run.candidates().size() - t.extracted();
        List<RecommendationReport.Timing> timings = List.of(
                new RecommendationReport.Timing("recommender (load or train)", t.recommender()),
                new RecommendationReport.Timing("feature extraction (" + t.extracted() + " extracted, "
                        + Math.max(0, fromCache) + " from the cache)", t.extraction()),
                new RecommendationReport.Timing("model loading, cache reads, scores and prediction",
                        Math.max(0, t.pipeline() - t.extraction())),
                new RecommendationReport.Timing("total", t.recommender() + t.pipeline()));
        return new RecommendationReport.Run(BuildInfo.version(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new RecommendationReport.Zoo(run.zoo().toAbsolutePath().normalize().toString(), run.zooSha256(),
                        run.candidates().size()),
                new RecommendationReport.Images(im.path().toAbsolutePath().normalize().toString(), im.total(),
                        im.classes(), im.readable(), im.perClass(), skipped),
                rec, run.device(), timings, run.messages());
    }

    /** The SHA-256 of {@code file}, or why it cannot be read (for a report's provenance). */
    public static String sha256(Path file) {
        try {
            return dev.modelscout.core.Sha256.hex(file);
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        }
    }
}
