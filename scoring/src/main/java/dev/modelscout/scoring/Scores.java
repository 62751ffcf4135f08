package dev.modelscout.scoring;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The registry of scores by their history-column names, and running several on one input. */
public final class Scores {

    /** Every score, in the order of the history schema's {@code score_*} columns. */
    public static final List<String> NAMES =
            List.of("logme", "parc", "lfc", "leep", "nce", "hscore", "reg_hscore", "transrate", "gbc");

    /**
     * Settings of the scores that have any.
     *
     * @param parcPcaDims PARC: reduce F by exact PCA to this many dimensions first (0 = none; PARC's benchmark used 32)
     * @param gbcPcaDims  GBC: reduce F by exact PCA to this many dimensions first (0 = none; the paper used 64)
     */
    public record Options(int parcPcaDims, int gbcPcaDims) {
        public static Options defaults() {
            return new Options(Parc.Config.defaults().pcaDims(), Gbc.Config.defaults().pcaDims());
        }
    }

    /** One computed score with the wall time it took. */
    public record Result(String name, double value, double seconds) {
    }

    private Scores() {
    }

    public static TransferabilityScore create(String name, Options options) {
        return switch (name) {
            case "logme" -> new LogMe();
            case "parc" -> new Parc(new Parc.Config(options.parcPcaDims()));
            case "lfc" -> new Lfc();
            case "leep" -> new Leep();
            case "nce" -> new Nce();
            case "hscore" -> new HScore();
            case "reg_hscore" -> new RegHScore();
            case "transrate" -> new TransRate();
            case "gbc" -> new Gbc(new Gbc.Config(options.gbcPcaDims()));
            default -> throw new ScoringException("unknown score '" + name + "'; known: " + String.join(",", NAMES)
                    + " (or all)");
        };
    }

    /**
     * Parses a comma-separated list of names ({@code all} = every score, or every score that needs no
     * probabilities when {@code haveProbabilities} is false), keeping the given order, dropping repeats.
     */
    public static List<TransferabilityScore> parse(String csv, Options options, boolean haveProbabilities) {
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
            TransferabilityScore s = create(n, options);
            if (s.needsProbabilities() && !haveProbabilities) {
                throw new ScoringException(n + " needs the source model's class probabilities (--probs)");
            }
            out.add(s);
        }
        return out;
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
