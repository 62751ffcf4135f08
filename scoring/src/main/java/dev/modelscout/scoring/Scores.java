package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.Labels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of scores by their history-column names, and running several on one input. Each score is
 * one entry (name, one-line description, how to make it from {@link Options}); the name list, the parsing
 * of names and the help text all come from the entries.
 */
public final class Scores {

    /** One score: its history-column name, what it is in one line, how to make it. */
    private record Entry(String name, String description, Function<Options, TransferabilityScore> factory) {
    }

    /** Every score, in the order of the history schema's {@code score_*} columns. */
    private static final List<Entry> REGISTRY = List.of(
            new Entry("logme", "LogME (You et al., ICML 2021): evidence of a Bayesian linear model on the features",
                    o -> new LogMe()),
            new Entry("parc", "PARC (Bolya et al., NeurIPS 2021): rank correlation of feature and label "
                    + "dissimilarities, x 100", o -> new Parc(new Parc.Config(o.parcPcaDims()))),
            new Entry("lfc", "LFC (Deshpande et al. 2021): correlation of the feature Gram matrix with label agreement",
                    o -> new Lfc()),
            new Entry("leep", "LEEP (Nguyen et al., ICML 2020): log-likelihood of the expected empirical predictor",
                    o -> new Leep()),
            new Entry("nce", "NCE (Tran et al., ICCV 2019): negative conditional entropy of labels given source "
                    + "classes", o -> new Nce()),
            new Entry("hscore", "H-score (Bao et al., ICIP 2019): between-class over total feature covariance",
                    o -> new HScore()),
            new Entry("reg_hscore", "regularised H-score (Ibrahim et al. 2022): H-score with Ledoit-Wolf shrinkage",
                    o -> new RegHScore()),
            new Entry("transrate", "TransRate (Huang et al., ICML 2022): coding rate of the features minus that "
                    + "of each class", o -> new TransRate()),
            new Entry("gbc", "GBC (Pandy et al., CVPR 2022): Gaussian Bhattacharyya coefficient between classes",
                    o -> new Gbc(new Gbc.Config(o.gbcPcaDims()))));

    /** Every score's name, in the order of the history schema's {@code score_*} columns. */
    public static final List<String> NAMES = REGISTRY.stream().map(Entry::name).toList();

    /**
     * Settings of the scores that have any.
     *
     * @param parcPcaDims PARC: reduce F by exact PCA to this many dimensions first (0 = none; PARC's benchmark used 32)
     * @param gbcPcaDims  GBC: reduce F by exact PCA to this many dimensions first (0 = none; the paper used 64)
     */
    public record Options(int parcPcaDims, int gbcPcaDims) {
        /**
         * @throws InvalidOptionException naming the option of {@code modelscout score} ({@code --parc-pca},
         *                                {@code --gbc-pca}) when a value is out of its range
         */
        public Options {
            for (var o : List.of(Map.entry("--parc-pca", parcPcaDims), Map.entry("--gbc-pca", gbcPcaDims))) {
                if (o.getValue() < 0) {
                    throw new InvalidOptionException(o.getKey() + " " + o.getValue()
                            + ": out of range (allowed: an integer >= 0; 0 = no PCA)");
                }
            }
        }

        public static Options defaults() {
            return new Options(Parc.Config.defaults().pcaDims(), Gbc.Config.defaults().pcaDims());
        }
    }

    /** One computed score with the wall time it took. */
    public record Result(String name, double value, double seconds) {
    }

    private Scores() {
    }

    /** The score of that name (one of {@link #NAMES}) with these settings. */
    public static TransferabilityScore create(String name, Options options) {
        return entry(name, " (or all)").factory().apply(options);
    }

    /**
     * The scores of these names (each one of {@link #NAMES}, exactly), in the given order, repeats dropped,
     * whether they need probabilities or not ({@link #run} hands probabilities to those that do).
     *
     * @throws ScoringException naming an unknown name and listing the known ones
     */
    public static List<TransferabilityScore> of(List<String> names, Options options) {
        return of(names, options, true);
    }

    /**
     * As {@link #of(List, Options)}; when {@code haveProbabilities} is false, a score that needs the source
     * model's probabilities is refused (as {@link #parse} refuses it).
     *
     * @throws ScoringException naming an unknown name, or a score that needs the probabilities not at hand
     */
    public static List<TransferabilityScore> of(List<String> names, Options options, boolean haveProbabilities) {
        List<TransferabilityScore> out = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            out.add(checked(entry(n, "").factory().apply(options), haveProbabilities, FROM_FEATURES_ONLY));
        }
        return out;
    }

    /**
     * Parses a comma-separated list of names ({@code all} = every score, or every score that needs no
     * probabilities when {@code haveProbabilities} is false), keeping the given order, dropping repeats.
     */
    public static List<TransferabilityScore> parse(String csv, Options options, boolean haveProbabilities) {
        return parse(csv, options, haveProbabilities, false);
    }

    /** {@link #parse}; with {@code noneAllowed}, {@code none} names no score at all (an empty list). */
    public static List<TransferabilityScore> parse(String csv, Options options, boolean haveProbabilities,
            boolean noneAllowed) {
        if (noneAllowed && csv.strip().equalsIgnoreCase(NONE)) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : csv.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                for (String n : NAMES) {
                    if (haveProbabilities || !create(n, options).needsProbabilities()) {
                        names.add(n);
                    }
                }
            } else {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new ScoringException("no score named; choose from " + String.join(",", NAMES) + " or all");
        }
        List<TransferabilityScore> out = new ArrayList<>();
        for (String n : names) {
            out.add(checked(create(n, options), haveProbabilities, "(--probs)"));
        }
        return out;
    }

    /** The word that names no score at all, where scores are optional ({@code recommend}, {@code finetune}). */
    public static final String NONE = "none";

    /**
     * The names a comma-separated list gives, as {@link #parse} reads it ({@code all}, case, dashes, repeats,
     * unknown names), or no name for the single word {@link #NONE}: for commands whose scores are optional.
     *
     * @throws ScoringException as {@link #parse}
     */
    public static List<String> parseNames(String csv, Options options, boolean haveProbabilities) {
        return parseOptional(csv, options, haveProbabilities).stream().map(TransferabilityScore::name).toList();
    }

    /** As {@link #parseNames}, the scores themselves: {@link #parse}'s, or none for the word {@link #NONE}. */
    public static List<TransferabilityScore> parseOptional(String csv, Options options, boolean haveProbabilities) {
        if (csv.strip().toLowerCase(Locale.ROOT).equals(NONE)) {
            return List.of();
        }
        return parse(csv, options, haveProbabilities);
    }

    /** One line per score: its name and what it is, then {@code all}; for help texts. */
    public static String help() {
        int width = NAMES.stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder sb = new StringBuilder();
        for (Entry e : REGISTRY) {
            boolean probs = e.factory().apply(Options.defaults()).needsProbabilities();
            sb.append(String.format(Locale.ROOT, "%-" + width + "s%s%s\n", e.name(), e.description(),
                    probs ? "; needs the source model's class probabilities" : ""));
        }
        sb.append(String.format(Locale.ROOT, "%-" + width + "s%s\n", "all", "every score the inputs allow"));
        return sb.toString();
    }

    private static Entry entry(String name, String alternatives) {
        for (Entry e : REGISTRY) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new ScoringException("unknown score '" + name + "'; known: " + String.join(",", NAMES) + alternatives);
    }

    /** The hint when a score needs probabilities where only features exist (recommend, jobs). */
    static final String FROM_FEATURES_ONLY = "(this command computes scores from backbone features only; "
            + "`modelscout score --features F.npy --labels y.npy --probs P.npy` computes it)";

    private static TransferabilityScore checked(TransferabilityScore s, boolean haveProbabilities, String hint) {
        if (s.needsProbabilities() && !haveProbabilities) {
            throw new ScoringException(s.name() + " needs the source model's class probabilities " + hint);
        }
        return s;
    }

    /**
     * Starts loading the native back end (ND4J, OpenBLAS) on a daemon thread, so that it overlaps work the
     * caller does meanwhile, such as reading the inputs. A failure there is ignored: {@link #run} loads the
     * natives again in the foreground and reports it.
     */
    public static void loadNativesInBackground() {
        Thread t = new Thread(() -> {
            try {
                Linalg.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // reported by run(), in the foreground
            }
        }, "modelscout-natives");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Like {@link #run}, but a score that is {@link UndefinedScoreException undefined} on this input (a tiny
     * dataset, every image its own class) gets NaN (unknown: an empty cell in a history row) and is told to
     * {@code undefined} with the reason (score name, one line); any other failure stops the run.
     */
    public static List<Result> runEach(List<TransferabilityScore> scores, FeatureMatrix features, Labels labels,
            FeatureMatrix probabilities, java.util.function.BiConsumer<String, String> undefined) {
        Linalg.warmUp();
        List<Result> out = new ArrayList<>();
        for (TransferabilityScore s : scores) {
            long t0 = System.nanoTime();
            double v;
            try {
                v = s.score(features, labels, s.needsProbabilities() ? probabilities : null);
            } catch (UndefinedScoreException e) {
                undefined.accept(s.name(), e.getMessage());
                v = Double.NaN;
            }
            out.add(new Result(s.name(), v, (System.nanoTime() - t0) / 1e9));
        }
        return out;
    }

    /**
     * Runs each score on the same input, in order; the first failure stops the run. The natives are loaded
     * first, so a result's seconds are the score's own.
     */
    public static List<Result> run(List<TransferabilityScore> scores, FeatureMatrix features, Labels labels,
            FeatureMatrix probabilities) {
        Linalg.warmUp();
        List<Result> out = new ArrayList<>();
        for (TransferabilityScore s : scores) {
            long t0 = System.nanoTime();
            double v = s.score(features, labels, s.needsProbabilities() ? probabilities : null);
            out.add(new Result(s.name(), v, (System.nanoTime() - t0) / 1e9));
        }
        return out;
    }
}
