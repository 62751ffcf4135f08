package dev.modelscout.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code recommend --report} page shows: every backbone of the zoo ranked on one dataset, the true
 * accuracies when they are known, and where the run came from. Plain values, no types of the other modules;
 * an unknown number is NaN.
 *
 * @param dataset    the target dataset's id
 * @param candidates every ranked backbone, best predicted first
 * @param scores     the transferability scores computed (logme, reg_hscore, ...), in column order
 * @param top        how many backbones the command recommends (marked as the top-k)
 * @param truth      what the true fine-tuned accuracies say of the ranking, or null when they are not known
 * @param run        the run's provenance
 */
public record RecommendationReport(String dataset, List<Candidate> candidates, List<String> scores, int top,
                                   Truth truth, Run run) {

    public RecommendationReport {
        Objects.requireNonNull(dataset, "dataset");
        candidates = List.copyOf(candidates);
        scores = List.copyOf(scores);
        Objects.requireNonNull(run, "run");
        if (top < 1) {
            throw new IllegalArgumentException("top must be >= 1, not " + top);
        }
    }

    /**
     * One backbone.
     *
     * @param rank         1 = best predicted
     * @param family       architecture family ("" when unknown)
     * @param pretrain     pre-training data ("" when unknown)
     * @param scores       score name -> value (NaN or absent when not computed)
     * @param gmacs        multiply-accumulates of one forward pass, in G (NaN when unknown)
     * @param paramsM      parameters, in millions (NaN when unknown)
     * @param trueAccuracy the fine-tuned accuracy when known (from {@link Truth#source()}), else NaN
     * @param low          the prediction interval's low end (NaN without intervals)
     * @param high         its high end
     * @param domainDistance the backbone's domain distance to the target when the run computed it, else NaN
     * @param trueSe       the standard error of {@code trueAccuracy} when the truth gives one (or its seeds), else NaN
     */
    public record Candidate(int rank, String model, String family, String pretrain, double predicted,
                            Map<String, Double> scores, double gmacs, double paramsM, double trueAccuracy,
                            double low, double high, double domainDistance, double trueSe) {
        public Candidate {
            Objects.requireNonNull(model, "model");
            family = family == null ? "" : family;
            pretrain = pretrain == null ? "" : pretrain;
            scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        }

        /** A candidate without a prediction interval. */
        public Candidate(int rank, String model, String family, String pretrain, double predicted,
                         Map<String, Double> scores, double gmacs, double paramsM, double trueAccuracy) {
            this(rank, model, family, pretrain, predicted, scores, gmacs, paramsM, trueAccuracy, Double.NaN, Double.NaN);
        }

        /** A candidate without a domain distance or a standard error of its true accuracy. */
        public Candidate(int rank, String model, String family, String pretrain, double predicted,
                         Map<String, Double> scores, double gmacs, double paramsM, double trueAccuracy, double low,
                         double high) {
            this(rank, model, family, pretrain, predicted, scores, gmacs, paramsM, trueAccuracy, low, high, Double.NaN,
                    Double.NaN);
        }

        /** The value of score {@code name}, NaN when not computed. */
        public double score(String name) {
            Double v = scores.get(name);
            return v == null ? Double.NaN : v;
        }
    }

    /**
     * What the true accuracies say of the ranking.
     *
     * @param source     where the true accuracies came from (a --truth file)
     * @param matched    backbones with a true accuracy
     * @param regret     best true accuracy minus the true accuracy of the top-ranked backbone
     * @param kendall    Kendall's tau-b between predicted and true accuracy
     * @param spearman   Spearman's rho between predicted and true accuracy
     * @param naivePicks what simple rules would have picked instead
     * @param notes      for people: rows of the source that name no backbone of the zoo, rules that could not apply
     * @param rankers    the recommender's ranking and each score's on its own, held against the truth (the
     *                   recommender first); empty when not computed
     * @param noise      how well the true accuracies are themselves known, or null when the source gives no
     *                   standard errors or seeds
     */
    public record Truth(String source, int matched, double regret, double kendall, double spearman,
                       List<NaivePick> naivePicks, List<String> notes, List<Ranker> rankers, Noise noise) {
        public Truth {
            naivePicks = List.copyOf(naivePicks);
            notes = List.copyOf(notes);
            rankers = List.copyOf(rankers);
        }

        /** Without the per-ranker comparison and the truth's noise. */
        public Truth(String source, int matched, double regret, double kendall, double spearman,
                     List<NaivePick> naivePicks, List<String> notes) {
            this(source, matched, regret, kendall, spearman, naivePicks, notes, List.of(), null);
        }
    }

    /**
     * One way to rank the backbones held against the truth: the recommender's ranking, or one score on its own
     * (highest first), so the page shows what the recommender adds over the raw scores.
     *
     * @param name        "recommender" or a score's name (logme, ...)
     * @param recommender true for the recommender's own ranking
     * @param n           backbones with both this ranker's value and a true accuracy (what Kendall is over)
     * @param kendall     Kendall's tau-b between the ranker's value and the true accuracy (NaN below two backbones)
     * @param kendallLow  2.5th percentile of that tau over truths drawn within their noise (NaN without {@link Noise})
     * @param kendallHigh 97.5th percentile
     * @param pick        what it ranks first (a tie: the tied models joined by " | ")
     * @param pickAccuracy the pick's true accuracy (a tie: their mean)
     * @param regret      best true accuracy of every ranked backbone minus the pick's
     */
    public record Ranker(String name, boolean recommender, int n, double kendall, double kendallLow, double kendallHigh,
                         String pick, double pickAccuracy, double regret) {
    }

    /**
     * How well the true accuracies are known.
     *
     * @param basis   how the truth was drawn for the intervals, for people
     * @param verdict whether the recommender's first pick is within noise of the truly best, for people
     */
    public record Noise(String basis, String verdict) {
    }

    /**
     * A backbone a simple rule picks without the recommender.
     *
     * @param rule   e.g. "highest LogME"
     * @param regret best true accuracy minus this pick's (NaN when the pick has no true accuracy)
     */
    public record NaivePick(String rule, String model, double regret) {
    }

    /**
     * Where the run came from.
     *
     * @param version   the modelscout version that wrote the report
     * @param createdAt when, ISO-8601
     * @param notes     what the run said along the way (skipped images, cache hits, a CPU fallback)
     */
    public record Run(String version, String createdAt, Zoo zoo, Images images, RecommenderInfo recommender,
                      String device, List<Timing> timings, List<String> notes) {
        public Run {
            timings = List.copyOf(timings);
            notes = List.copyOf(notes);
        }
    }

    /** The zoo catalog file and the SHA-256 of its bytes. */
    public record Zoo(String file, String sha256, int backbones) {
    }

    /**
     * The target images.
     *
     * @param source   the image folder or manifest
     * @param images   images found
     * @param classes  classes found
     * @param used     images the features were computed on (after a --per-class subsample)
     * @param perClass the --per-class limit, 0 when every image was used
     * @param skipped  files skipped (not images, unreadable), as the run reported them
     */
    public record Images(String source, int images, int classes, int used, int perClass, List<String> skipped) {
        public Images {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The recommender and what it was trained on.
     *
     * @param origin        how this run got it ("embedded default", "--model m.json", "trained now on --history h.csv")
     * @param kind          the trainer (factorization-machine, linear-regression, ...)
     * @param settings      the trainer's settings
     * @param historySource its training history
     * @param historySha256 that history's SHA-256
     * @param historyRows   training jobs
     * @param features      the features it reads
     */
    public record RecommenderInfo(String origin, String kind, Map<String, String> settings, long seed,
                                  String historySource, String historySha256, int historyRows, List<String> features) {
        public RecommenderInfo {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            features = List.copyOf(features);
        }
    }

    /** Wall-clock seconds of one step of the run. */
    public record Timing(String step, double seconds) {
    }
}
