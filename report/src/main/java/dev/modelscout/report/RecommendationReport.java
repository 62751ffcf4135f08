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
 * @param scoreKendall Kendall's tau-b between each score and the predicted accuracy over the backbones (NaN when
 *                   undefined), so the page can say where a score and the recommender disagree
 * @param top        how many backbones the command recommends (marked as the top-k)
 * @param truth      what the true fine-tuned accuracies say of the ranking, or null when they are not known
 * @param run        the run's provenance
 */
public record RecommendationReport(String dataset, List<Candidate> candidates, List<String> scores,
                                   Map<String, Double> scoreKendall, int top, Truth truth, Run run) {

    public RecommendationReport {
        Objects.requireNonNull(dataset, "dataset");
        candidates = List.copyOf(candidates);
        scores = List.copyOf(scores);
        scoreKendall = Collections.unmodifiableMap(new LinkedHashMap<>(scoreKendall));
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
     */
    public record Candidate(int rank, String model, String family, String pretrain, double predicted,
                            Map<String, Double> scores, double gmacs, double paramsM, double trueAccuracy,
                            double low, double high) {
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
     */
    public record Truth(String source, int matched, double regret, double kendall, double spearman,
                       List<NaivePick> naivePicks, List<String> notes) {
        public Truth {
            naivePicks = List.copyOf(naivePicks);
            notes = List.copyOf(notes);
        }
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
