package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted encoding of a {@link FieldSpec}: rows become sparse feature vectors. Fitted on training rows
 * only, then frozen (saved with the recommender).
 *
 * <ul>
 *   <li>category: one feature per value seen in training (value 1); an empty cell or a value not seen in
 *       training contributes nothing (all its features 0).</li>
 *   <li>scalar: optional natural log (a value &lt;= 0 is an error naming file:line:column), optional
 *       per-dataset normalisation over the rows encoded together, then standardised with the mean and
 *       standard deviation of the training rows (std 0 -&gt; 1). An unknown value becomes 0 (the training
 *       mean) and, when some training row lacked the column, a missing-indicator feature is set to 1.</li>
 *   <li>interaction {@code scalar*category}: one feature per category value seen in training, holding the
 *       standardised scalar (0 when unknown) on rows of that value.</li>
 * </ul>
 *
 * @param columns   one fitted column per spec entry, in spec order
 * @param dimension number of features
 * @param names     feature names, index = feature id
 */
public record FeatureEncoding(List<FittedColumn> columns, int dimension, List<String> names) {

    /** Checks that a loaded encoding fits together (every feature index inside the dimension, finite moments). */
    public FeatureEncoding {
        columns = List.copyOf(columns);
        names = List.copyOf(names);
        if (dimension != names.size()) {
            throw new IllegalArgumentException("encoding dimension " + dimension + " but " + names.size() + " feature names");
        }
        for (FittedColumn c : columns) {
            if (c.entry() == null) {
                throw new IllegalArgumentException("encoding column without its field spec entry");
            }
            List<Integer> indices = new ArrayList<>(c.categories().values());
            indices.addAll(c.interactions().values());
            indices.add(c.valueIndex());
            indices.add(c.missingIndex());
            for (int i : indices) {
                if (i < -1 || i >= dimension) {
                    throw new IllegalArgumentException("column '" + c.entry().column() + "': feature index " + i
                            + " outside 0.." + (dimension - 1));
                }
            }
            if (!Double.isFinite(c.mean()) || !(c.std() > 0) || !Double.isFinite(c.std())) {
                throw new IllegalArgumentException("column '" + c.entry().column() + "': mean " + c.mean() + ", std "
                        + c.std() + " (need finite values, std > 0)");
            }
        }
    }

    /** The category values of {@code column} seen in training (empty when the column is not a category here). */
    public java.util.Set<String> categoryValues(String column) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (FittedColumn c : columns) {
            if (c.entry().column().equals(column)) {
                out.addAll(c.categories().keySet());
            }
        }
        return out;
    }

    /** The history columns this encoding reads, in spec order. */
    public List<String> inputColumns() {
        java.util.Set<String> cols = new java.util.LinkedHashSet<>();
        for (FittedColumn c : columns) {
            cols.add(c.entry().column());
            if (!c.entry().interact().isEmpty()) {
                cols.add(c.entry().interact());
            }
        }
        return List.copyOf(cols);
    }

    /**
     * @param entry        the spec entry
     * @param categories   category value -> feature index (categories only)
     * @param valueIndex   feature index of a scalar (-1 for categories)
     * @param missingIndex feature index of the missing indicator (-1 when none)
     * @param mean         training mean of the transformed scalar
     * @param std          training standard deviation of the transformed scalar (&gt; 0)
     * @param interactions category value of {@code entry.interact()} -> feature index
     */
    public record FittedColumn(FieldSpec.Entry entry, Map<String, Integer> categories, int valueIndex, int missingIndex,
                               double mean, double std, Map<String, Integer> interactions) {
        public FittedColumn {
            categories = categories == null ? Map.of() : categories;
            interactions = interactions == null ? Map.of() : interactions;
        }
    }

    /** Sparse rows: {@code index[i]} and {@code value[i]} are the non-zero features of row i. */
    public record Rows(int[][] index, double[][] value, int dimension) {
        public int size() {
            return index.length;
        }

        /** Dense copy, n x dimension. */
        public double[][] dense() {
            double[][] x = new double[index.length][dimension];
            for (int i = 0; i < index.length; i++) {
                for (int j = 0; j < index[i].length; j++) {
                    x[i][index[i][j]] += value[i][j];
                }
            }
            return x;
        }
    }

    /** Fits the encoding of {@code spec} on the training {@code jobs}. */
    public static FeatureEncoding fit(FieldSpec spec, List<Job> jobs) {
        List<FittedColumn> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FieldSpec.Entry e : spec.entries()) {
            if (e.type() == FieldSpec.Type.CATEGORY) {
                Map<String, Integer> cats = new LinkedHashMap<>();
                for (Job j : jobs) {
                    String v = j.cell(e.column());
                    if (!v.isEmpty() && !cats.containsKey(v)) {
                        cats.put(v, names.size());
                        names.add(e.column() + "=" + v);
                    }
                }
                cols.add(new FittedColumn(e, cats, -1, -1, 0, 1, Map.of()));
                continue;
            }
            double[] t = transform(e, jobs);
            double sum = 0;
            int known = 0;
            for (double v : t) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    known++;
                }
            }
            double mean = known == 0 ? 0 : sum / known;
            double ss = 0;
            for (double v : t) {
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double std = known < 2 ? 1 : Math.sqrt(ss / known);
            if (!(std > 1e-12)) {
                std = 1;
            }
            int valueIndex = names.size();
            names.add(e.label());
            int missingIndex = -1;
            if (known < jobs.size()) {
                missingIndex = names.size();
                names.add(e.column() + " missing");
            }
            Map<String, Integer> inter = new LinkedHashMap<>();
            if (!e.interact().isEmpty()) {
                for (Job j : jobs) {
                    String v = j.cell(e.interact());
                    if (!v.isEmpty() && !inter.containsKey(v)) {
                        inter.put(v, names.size());
                        names.add(e.label() + "|" + v);
                    }
                }
            }
            cols.add(new FittedColumn(e, Map.of(), valueIndex, missingIndex, mean, std, inter));
        }
        return new FeatureEncoding(cols, names.size(), names);
    }

    /** Encodes {@code jobs} (per-dataset normalisation is computed over these rows). */
    public Rows encode(List<Job> jobs) {
        int n = jobs.size();
        int[][] index = new int[n][];
        double[][] value = new double[n][];
        int[] count = new int[n];
        int cap = columns.size() * 2 + 1;
        for (int i = 0; i < n; i++) {
            index[i] = new int[cap];
            value[i] = new double[cap];
        }
        for (FittedColumn c : columns) {
            FieldSpec.Entry e = c.entry();
            if (e.type() == FieldSpec.Type.CATEGORY) {
                for (int i = 0; i < n; i++) {
                    Integer f = c.categories().get(jobs.get(i).cell(e.column()));
                    if (f != null) {
                        put(index, value, count, i, f, 1.0);
                    }
                }
                continue;
            }
            double[] t = transform(e, jobs);
            for (int i = 0; i < n; i++) {
                double z = Double.isNaN(t[i]) ? 0 : (t[i] - c.mean()) / c.std();
                if (Double.isNaN(t[i])) {
                    if (c.missingIndex() >= 0) {
                        put(index, value, count, i, c.missingIndex(), 1.0);
                    }
                } else if (z != 0) {
                    put(index, value, count, i, c.valueIndex(), z);
                }
                if (!c.interactions().isEmpty() && z != 0) {
                    Integer f = c.interactions().get(jobs.get(i).cell(e.interact()));
                    if (f != null) {
                        put(index, value, count, i, f, z);
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            index[i] = Arrays.copyOf(index[i], count[i]);
            value[i] = Arrays.copyOf(value[i], count[i]);
        }
        return new Rows(index, value, dimension);
    }

    private static void put(int[][] index, double[][] value, int[] count, int i, int f, double v) {
        if (count[i] == index[i].length) {
            index[i] = Arrays.copyOf(index[i], count[i] * 2);
            value[i] = Arrays.copyOf(value[i], count[i] * 2);
        }
        index[i][count[i]] = f;
        value[i][count[i]] = v;
        count[i]++;
    }

    /**
     * Per row of {@code rows}, the scalar columns whose value (after the spec's log) lies more than {@code sds}
     * training standard deviations from the training mean: metadata outside what the encoding was fitted on.
     * Per-dataset-normalised columns are never out of range (they are relative within a target).
     */
    public List<List<String>> outOfRange(List<Job> rows, double sds) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (FittedColumn c : columns) {
            FieldSpec.Entry e = c.entry();
            if (e.type() != FieldSpec.Type.SCALAR || e.normalize() != FieldSpec.Normalize.NONE) {
                continue;
            }
            double[] t;
            try {
                t = transform(e, rows);
            } catch (HistoryFormatException ex) {
                continue; // a value the log refuses is reported by predict
            }
            for (int i = 0; i < t.length; i++) {
                if (!Double.isNaN(t[i]) && Math.abs(t[i] - c.mean()) > sds * c.std()
                        && !out.get(i).contains(e.column())) {
                    out.get(i).add(e.column());
                }
            }
        }
        return out;
    }

    /** Raw value, log, then per-dataset normalisation; NaN = unknown. */
    static double[] transform(FieldSpec.Entry e, List<Job> jobs) {
        int n = jobs.size();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            Job j = jobs.get(i);
            double v = j.number(e.column());
            if (e.log() && !Double.isNaN(v)) {
                if (v <= 0) {
                    throw HistoryFormatException.at(j.source(), j.line(), j.columnIndex(e.column()), e.column(),
                            v + " cannot be log-transformed (the field spec says log; values must be > 0)");
                }
                v = Math.log(v);
            }
            t[i] = v;
        }
        if (e.normalize() == FieldSpec.Normalize.NONE) {
            return t;
        }
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(t[i])) {
                groups.computeIfAbsent(jobs.get(i).dataset(), k -> new ArrayList<>()).add(i);
            }
        }
        double[] out = t.clone();
        for (List<Integer> g : groups.values()) {
            double[] vals = new double[g.size()];
            for (int a = 0; a < vals.length; a++) {
                vals[a] = t[g.get(a)];
            }
            double[] norm;
            if (e.normalize() == FieldSpec.Normalize.ZSCORE) {
                double m = Arrays.stream(vals).average().orElse(0);
                double ss = 0;
                for (double v : vals) {
                    ss += (v - m) * (v - m);
                }
                double sd = Math.sqrt(ss / vals.length);
                norm = new double[vals.length];
                for (int a = 0; a < vals.length; a++) {
                    norm[a] = sd > 1e-12 ? (vals[a] - m) / sd : 0;
                }
            } else {
                double[] r = Metrics.ranks(vals);
                norm = new double[vals.length];
                for (int a = 0; a < vals.length; a++) {
                    norm[a] = vals.length > 1 ? (r[a] - 1) / (vals.length - 1) : 0.5;
                }
            }
            for (int a = 0; a < vals.length; a++) {
                out[g.get(a)] = norm[a];
            }
        }
        return out;
    }
}
