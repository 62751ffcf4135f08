package dev.modelscout.recommender;

import dev.modelscout.recommender.AutoRecommender.Config;
import dev.modelscout.recommender.AutoRecommender.ScoreUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code auto}'s candidate grid: the feature sets tried on a history, the fixed candidates on them (popularity;
 * each ridge lambda and FM lambdaV on each feature set), each candidate's name, and the trainer that fits one.
 */
final class AutoCandidates {

    /** A candidate: a recommender with its penalty, on one feature set. */
    record Candidate(String kind, double lambda, double lambdaV, ScoreUse scores, FieldSpec features, boolean pooled) {
        String label(double fmWeight) {
            String s = switch (kind) {
                case "lr" -> "lr(lambda=" + num(lambda) + ")";
                case "fm" -> "fm(lambdaV=" + num(lambdaV) + ")";
                case "ensemble" -> "ensemble(lambda=" + num(lambda) + ", lambdaV=" + num(lambdaV) + ", fmWeight="
                        + num(fmWeight) + ")";
                default -> Popularity.NAME;
            };
            return pooled && !kind.equals(Popularity.NAME) ? s + " scores:" + scores.id() : s;
        }
    }

    private final Config config;
    private final UnaryOperator<Trainer> wrap;

    /** The grid of {@code config}; every trainer it builds is passed through {@code wrap}. */
    AutoCandidates(Config config, UnaryOperator<Trainer> wrap) {
        this.config = config;
        this.wrap = wrap;
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The feature sets tried on {@code history}: the selection's non-score entries, with the score pool as each use. */
    List<Map.Entry<ScoreUse, FieldSpec>> featureSets(TrainingHistory history, FieldSpec features) {
        List<FieldSpec.Entry> base = new ArrayList<>();
        Map<String, FieldSpec.Entry> pool = new LinkedHashMap<>();
        for (FieldSpec.Entry e : features.entries()) {
            if (!isScore(e)) {
                base.add(e);
            } else if (history.jobs().stream().anyMatch(j -> !j.cell(e.column()).isEmpty())) {
                pool.putIfAbsent(e.column() + "*" + e.interact(), e);
            }
        }
        List<Map.Entry<ScoreUse, FieldSpec>> sets = new ArrayList<>();
        if (pool.isEmpty() || config.scoreEncodings().isEmpty()) {
            List<FieldSpec.Entry> all = new ArrayList<>(base);
            all.addAll(pool.values());
            sets.add(Map.entry(ScoreUse.OFF, new FieldSpec(all.isEmpty() ? features.entries() : all)));
            return sets;
        }
        if (!base.isEmpty()) {
            sets.add(Map.entry(ScoreUse.OFF, new FieldSpec(base)));
        }
        for (ScoreUse use : config.scoreEncodings()) {
            if (use == ScoreUse.OFF) {
                continue;
            }
            List<FieldSpec.Entry> all = new ArrayList<>(base);
            for (FieldSpec.Entry e : pool.values()) {
                all.add(new FieldSpec.Entry(e.field(), e.column(), e.type(), e.oneHot(), e.log(), use.normalize(),
                        e.interact()));
            }
            sets.add(Map.entry(use, new FieldSpec(all)));
        }
        return sets;
    }

    /** Whether the sets carry a score pool (so candidate names say how they use it). */
    static boolean pooled(List<Map.Entry<ScoreUse, FieldSpec>> sets) {
        return sets.size() > 1 || sets.get(0).getKey() != ScoreUse.OFF;
    }

    static boolean isScore(FieldSpec.Entry e) {
        return e.type() == FieldSpec.Type.SCALAR && HistorySchema.scoreName(e.column()).isPresent();
    }

    /** The fixed candidates: popularity, then each ridge lambda and each FM lambdaV on each feature set. */
    List<Candidate> fixed(List<Map.Entry<ScoreUse, FieldSpec>> sets, boolean pooled) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate(Popularity.NAME, Double.NaN, Double.NaN, ScoreUse.OFF, sets.get(0).getValue(), pooled));
        for (Map.Entry<ScoreUse, FieldSpec> s : sets) {
            for (double l : config.ridgeLambdas()) {
                candidates.add(new Candidate("lr", l, Double.NaN, s.getKey(), s.getValue(), pooled));
            }
            for (double l : config.fmLambdaVs()) {
                candidates.add(new Candidate("fm", Double.NaN, l, s.getKey(), s.getValue(), pooled));
            }
        }
        return candidates;
    }

    /** The trainer of candidate {@code c}: its penalty fixed, no tuning of its own. */
    Trainer trainer(Candidate c) {
        Trainer t = switch (c.kind()) {
            case "lr" -> new LinearRegression(config.ridge().withLambda(c.lambda()).withTuneLambda(List.of()));
            case "fm" -> new FactorizationMachine(config.fm().withLambdaV(c.lambdaV()).withTuneLambdaV(List.of()));
            case "ensemble" -> new Ensemble(Ensemble.Config.defaults()
                    .withRidge(config.ridge().withLambda(c.lambda()).withTuneLambda(List.of()))
                    .withFm(config.fm().withLambdaV(c.lambdaV()).withTuneLambdaV(List.of()))
                    .withFmWeight(config.ensembleFmWeight()).withTuneFmWeight(List.of()));
            default -> new Popularity(Popularity.Config.defaults());
        };
        return wrap.apply(t);
    }
}
