package dev.modelscout.recommender.evaluation;

import dev.modelscout.recommender.guided.GuidedSearch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The orders of {@code --protocol active} replayed on learning curves, charged in backbone-epochs (one epoch of one
 * backbone), on each seed's runs separately (docs/recommender.md "Learning-curve orders"):
 * <ul>
 *   <li>a <b>full order</b> (the guided loop, the recommender's ranking, popularity, a score, largest, random)
 *       fine-tunes its backbones one after the other for every epoch: E backbone-epochs each; the guided loop sees
 *       the seed's final validation accuracy of each backbone it fine-tunes;</li>
 *   <li><b>1 epoch, then best k</b>: one epoch of every backbone (n), then the k best after that epoch continue to
 *       the last epoch, best first (E - 1 each): n + k (E - 1);</li>
 *   <li><b>successive halving</b>: one epoch of every backbone alive, then the better half (rounded up) by that
 *       epoch's validation accuracy stays alive, until the last epoch.</li>
 * </ul>
 * A backbone counts as found once fine-tuned for every epoch; the pick is the found one of highest final
 * validation accuracy in that seed's run (the first found on a tie), and its regret is the best history accuracy of
 * the dataset minus the pick's (the history's accuracy being the mean over seeds): the definitions of
 * {@code src/world/noise.py fidelity}, whose numbers this reproduces.
 */
final class FidelityReplay {

    /** k of "1 epoch, then best k". */
    static final List<Integer> TOP_KS = List.of(1, 2, 3, 5);
    static final String HALVING = "successive_halving";

    private FidelityReplay() {
    }

    /** The name of "1 epoch, then best k". */
    static String topK(int k) {
        return "one_epoch_top_" + k;
    }

    /** A backbone fine-tuned for every epoch, at the order's spent backbone-epochs. */
    record Found(String model, double cost) {
    }

    /** One order on one (dataset, seed) run, or the mean of the random order's repeats on it. */
    record Run(String order, String kind, double[] regretAt, double cost, double finalRegret, double pickedBest,
               double costToBest, double costToWithin) {
    }

    /** The budgets of the report: E x {1, 2, 3, 5, 10} and a quarter, half, three quarters and all of n x E. */
    static List<Integer> budgets(int epochs, int largestZoo) {
        java.util.TreeSet<Integer> b = new java.util.TreeSet<>();
        for (int k : ActiveReplay.KS) {
            b.add(k * epochs);
        }
        for (double f : new double[] {0.25, 0.5, 0.75, 1}) {
            b.add((int) Math.ceil(f * largestZoo * epochs));
        }
        return new ArrayList<>(b);
    }

    /**
     * Every order on every seed of one held-out dataset.
     *
     * @param runs      model -> seed -> curve (the models of the dataset, in the curves file's order)
     * @param truth     the history's accuracy of every model
     * @param statics   the static orders: name -> key of each model of {@code models} (highest first)
     * @param models    the dataset's models, in the order of {@code statics}' keys and of the search
     */
    static List<Run> replay(Map<String, Map<Integer, double[]>> runs, Map<String, Double> truth, List<String> models,
                            Map<String, double[]> statics, GuidedSearch search, int epochs, double eps, long seed,
                            int randomOrders, List<Integer> budgets) {
        List<String> byFile = new ArrayList<>(runs.keySet());
        double max = truth.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        List<Integer> seeds = new ArrayList<>(runs.values().iterator().next().keySet());
        seeds.sort(null);
        List<List<String>> shuffles = new ArrayList<>();
        Random rnd = new Random(seed);
        for (int r = 0; r < randomOrders; r++) {
            List<String> s = new ArrayList<>(models);
            Collections.shuffle(s, rnd);
            shuffles.add(s);
        }
        List<Run> out = new ArrayList<>();
        for (int s : seeds) {
            Map<String, double[]> curve = new LinkedHashMap<>();
            byFile.forEach(m -> curve.put(m, runs.get(m).get(s)));
            Scorer sc = new Scorer(curve, truth, max, epochs, eps, budgets);
            out.add(sc.score(ActiveReplay.GUIDED, FidelityResult.FULL, full(guided(search, curve, epochs), epochs)));
            statics.forEach((name, key) -> out.add(sc.score(name, FidelityResult.FULL,
                    full(ordered(models, key), epochs))));
            List<Run> random = new ArrayList<>();
            shuffles.forEach(o -> random.add(sc.score(ActiveReplay.RANDOM, FidelityResult.FULL, full(o, epochs))));
            out.add(mean(random));
            for (int k : TOP_KS) {
                if (k < byFile.size()) {
                    out.add(sc.score(topK(k), FidelityResult.MULTI, topK(curve, k, epochs)));
                }
            }
            out.add(sc.score(HALVING, FidelityResult.MULTI, halving(curve, epochs)));
        }
        return out;
    }

    /** The models by {@code key}, highest first (ties: first model first). */
    static List<String> ordered(List<String> models, double[] key) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> -key[i]));
        return idx.stream().map(models::get).toList();
    }

    /** The guided loop's sequence when each fine-tune reports the run's final validation accuracy. */
    static List<String> guided(GuidedSearch search, Map<String, double[]> curve, int epochs) {
        Map<String, Double> observed = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        while (order.size() < search.models().size()) {
            String next = search.round(observed).next(1).get(0);
            observed.put(next, curve.get(next)[epochs - 1]);
            order.add(next);
        }
        return order;
    }

    static List<Found> full(List<String> order, int epochs) {
        List<Found> f = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            f.add(new Found(order.get(i), (i + 1.0) * epochs));
        }
        return f;
    }

    /** One epoch of every backbone, then the best {@code k} after it to the last epoch, best first. */
    static List<Found> topK(Map<String, double[]> curve, int k, int epochs) {
        List<String> kept = byEpoch(new ArrayList<>(curve.keySet()), curve, 1).subList(0, Math.min(k, curve.size()));
        double cost = curve.size();
        List<Found> f = new ArrayList<>();
        for (String m : kept) {
            cost += epochs - 1;
            f.add(new Found(m, cost));
        }
        return f;
    }

    /** Successive halving: after each epoch the better half (rounded up) of the backbones alive goes on. */
    static List<Found> halving(Map<String, double[]> curve, int epochs) {
        List<String> alive = new ArrayList<>(curve.keySet());
        double cost = 0;
        for (int e = 1; e < epochs; e++) {
            cost += alive.size();
            alive = new ArrayList<>(byEpoch(alive, curve, e).subList(0, Math.max(1, (alive.size() + 1) / 2)));
        }
        List<Found> f = new ArrayList<>();
        for (String m : alive) {
            cost += 1;
            f.add(new Found(m, cost));
        }
        return f;
    }

    /** {@code models} by validation accuracy after {@code epoch}, highest first, ties in their given order. */
    private static List<String> byEpoch(List<String> models, Map<String, double[]> curve, int epoch) {
        List<String> s = new ArrayList<>(models);
        s.sort(Comparator.comparingDouble((String m) -> -curve.get(m)[epoch - 1]));
        return s;
    }

    private static Run mean(List<Run> runs) {
        Run first = runs.get(0);
        double[] at = new double[first.regretAt().length];
        for (int b = 0; b < at.length; b++) {
            final int bb = b;
            at[b] = runs.stream().mapToDouble(r -> r.regretAt()[bb]).average().orElse(Double.NaN);
        }
        return new Run(first.order(), first.kind(), at, runs.stream().mapToDouble(Run::cost).average().orElse(Double.NaN),
                runs.stream().mapToDouble(Run::finalRegret).average().orElse(Double.NaN),
                runs.stream().mapToDouble(Run::pickedBest).average().orElse(Double.NaN),
                Summary.nanMean(runs.stream().mapToDouble(Run::costToBest).toArray()),
                Summary.nanMean(runs.stream().mapToDouble(Run::costToWithin).toArray()));
    }

    /** Scores a sequence of found backbones on one seed's run. */
    record Scorer(Map<String, double[]> curve, Map<String, Double> truth, double max, int epochs, double eps,
                          List<Integer> budgets) {

        Run score(String order, String kind, List<Found> found) {
            double[] at = new double[budgets.size()];
            java.util.Arrays.fill(at, Double.NaN);
            double bestY = Double.NEGATIVE_INFINITY;
            double regret = Double.NaN;
            double toBest = Double.NaN;
            double toWithin = Double.NaN;
            for (Found f : found) {
                double y = curve.get(f.model())[epochs - 1];
                if (y > bestY) {
                    bestY = y;
                    regret = max - truth.get(f.model());
                }
                for (int b = 0; b < at.length; b++) {
                    if (f.cost() <= budgets.get(b)) {
                        at[b] = regret;
                    }
                }
                if (Double.isNaN(toBest) && regret <= 1e-12) {
                    toBest = f.cost();
                }
                if (Double.isNaN(toWithin) && regret <= eps + 1e-12) {
                    toWithin = f.cost();
                }
            }
            double cost = found.isEmpty() ? 0 : found.get(found.size() - 1).cost();
            return new Run(order, kind, at, cost, regret, regret <= 1e-12 ? 1 : 0, toBest, toWithin);
        }
    }

    /**
     * The orders' means over every (dataset, seed) run; {@code seedOf} says which seed each run replayed
     * (for the spread over seeds).
     */
    static List<FidelityResult.Order> summarise(List<Run> runs, List<Integer> seedOf, int budgets) {
        List<String> names = new ArrayList<>();
        runs.forEach(r -> {
            if (!names.contains(r.order())) {
                names.add(r.order());
            }
        });
        List<FidelityResult.Order> out = new ArrayList<>();
        for (String name : names) {
            List<Run> rs = new ArrayList<>();
            List<Integer> seeds = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).order().equals(name)) {
                    rs.add(runs.get(i));
                    seeds.add(seedOf.get(i));
                }
            }
            List<Double> regret = new ArrayList<>();
            List<Double> std = new ArrayList<>();
            List<Double> seedStd = new ArrayList<>();
            for (int b = 0; b < budgets; b++) {
                final int bb = b;
                double[] v = rs.stream().mapToDouble(r -> r.regretAt()[bb]).toArray();
                boolean all = java.util.Arrays.stream(v).noneMatch(Double::isNaN);
                regret.add(all ? Summary.nanMean(v) : Double.NaN);
                std.add(all ? Summary.nanStd(v) : Double.NaN);
                Map<Integer, List<Double>> bySeed = new LinkedHashMap<>();
                for (int i = 0; i < v.length; i++) {
                    bySeed.computeIfAbsent(seeds.get(i), x -> new ArrayList<>()).add(v[i]);
                }
                double[] means = bySeed.values().stream()
                        .mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).toArray();
                seedStd.add(all ? Summary.nanStd(means) : Double.NaN);
            }
            double[] fin = rs.stream().mapToDouble(Run::finalRegret).toArray();
            double[] toBest = rs.stream().mapToDouble(Run::costToBest).toArray();
            double[] toWithin = rs.stream().mapToDouble(Run::costToWithin).toArray();
            out.add(new FidelityResult.Order(name, rs.get(0).kind(), regret, std, seedStd,
                    rs.stream().mapToDouble(Run::cost).average().orElse(Double.NaN), Summary.nanMean(fin),
                    Summary.nanStd(fin), rs.stream().mapToDouble(Run::pickedBest).average().orElse(Double.NaN),
                    Summary.nanMean(toBest), reached(toBest), Summary.nanMean(toWithin), reached(toWithin)));
        }
        return out;
    }

    /** Fraction of runs with a value (the random order's runs count as reached when any repeat reached). */
    private static double reached(double[] v) {
        return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).count() / (double) v.length;
    }
}
