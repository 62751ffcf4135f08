package dev.modelscout.recommender;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How history columns become features: the paper's field table. Each {@link Entry} names its field
 * ({@code d} dataset, {@code m} model, {@code s} MS score, or any name), the column, its type and how it is
 * transformed. A selection ({@code --features d,m,score_logme}) picks entries by field name or column name.
 *
 * <p>File formats: CSV with header {@code field,column,type,one_hot,log[,normalize]} (booleans
 * {@code yes/no/true/false/1/0}) or JSON ({@code {"entries":[{"field":..,"column":..,"type":..,
 * "oneHot":..,"log":..,"normalize":..}]}} or just the array).
 */
public record FieldSpec(List<Entry> entries) {

    /** Column type: a category (one-hot encoded) or a scalar. */
    public enum Type { CATEGORY, SCALAR }

    /**
     * Per-dataset normalisation of a scalar before the global standardisation: {@code none}; {@code zscore}
     * within each dataset's rows; {@code rank}: the row's rank among its dataset's rows mapped to [0,1]
     * (ties share their mean rank). Computed over the rows encoded together (a candidate set for one dataset).
     */
    public enum Normalize { NONE, ZSCORE, RANK;
        public static Normalize parse(String s) {
            String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "", "none", "raw" -> NONE;
                case "zscore", "z" -> ZSCORE;
                case "rank" -> RANK;
                default -> throw new FieldSpecException("normalize must be none, zscore or rank, not '" + s + "'");
            };
        }
    }

    /**
     * One row of the field table.
     *
     * @param field     field name the entry belongs to (d, m, s, ...)
     * @param column    history column
     * @param type      category or scalar
     * @param oneHot    one-hot encode (required for categories; a scalar with oneHot is treated as a category)
     * @param log       take the natural log of a scalar first (values must be > 0)
     * @param normalize per-dataset normalisation of a scalar
     * @param interact  optional category column: the scalar is also crossed with each value of it
     *                  (one feature "column x value" per value seen in training); "" for none
     */
    public record Entry(String field, String column, Type type, boolean oneHot, boolean log, Normalize normalize,
                        String interact) {
        public Entry {
            if (column == null || column.isBlank()) {
                throw new FieldSpecException("field spec entry without a column");
            }
            field = field == null || field.isBlank() ? column : field.strip();
            column = column.strip();
            normalize = normalize == null ? Normalize.NONE : normalize;
            interact = interact == null ? "" : interact.strip();
            if (type == Type.SCALAR && oneHot) {
                type = Type.CATEGORY;
            }
            if (type == Type.CATEGORY) {
                oneHot = true;
                log = false;
                normalize = Normalize.NONE;
                interact = "";
            }
        }

        public static Entry category(String field, String column) {
            return new Entry(field, column, Type.CATEGORY, true, false, Normalize.NONE, "");
        }

        public static Entry scalar(String field, String column, boolean log) {
            return new Entry(field, column, Type.SCALAR, false, log, Normalize.NONE, "");
        }

        /** A short label: column plus its options. */
        public String label() {
            String s = column;
            if (normalize != Normalize.NONE) {
                s += ":" + normalize.name().toLowerCase(Locale.ROOT);
            }
            if (!interact.isEmpty()) {
                s += "*" + interact;
            }
            return s;
        }
    }

    /** The score columns of the shared schema, in schema order. */
    public static final List<String> SCORE_COLUMNS = HistorySchema.SCORE_COLUMNS;

    public FieldSpec {
        entries = List.copyOf(entries);
    }

    /**
     * The default spec (the paper's table): field {@code d}: dataset id one-hot, log dataset_size, log
     * num_classes; field {@code m}: model id, arch_family and pretrain_dataset one-hot, log input_size, log
     * gmacs, log params_m; field {@code s}: every score column of the schema as a raw scalar; the image-derived
     * fields: {@code difficulty} ({@code probe_accuracy}, a dataset field) and {@code domain}
     * ({@code domain_distance}, a pair field), raw. The default selection is {@code d,m}; scores and the image
     * fields are added by name ({@code --features d,m,score_logme,difficulty,domain}).
     */
    public static FieldSpec defaults() {
        List<Entry> e = new ArrayList<>();
        e.add(Entry.category("d", "dataset"));
        e.add(Entry.scalar("d", "dataset_size", true));
        e.add(Entry.scalar("d", "num_classes", true));
        e.add(Entry.category("m", "model"));
        e.add(Entry.category("m", "arch_family"));
        e.add(Entry.category("m", "pretrain_dataset"));
        e.add(Entry.scalar("m", "input_size", true));
        e.add(Entry.scalar("m", "gmacs", true));
        e.add(Entry.scalar("m", "params_m", true));
        for (String s : SCORE_COLUMNS) {
            e.add(Entry.scalar("s", s, false));
        }
        e.add(Entry.scalar("difficulty", HistorySchema.PROBE_ACCURACY, false));
        e.add(Entry.scalar("domain", HistorySchema.DOMAIN_DISTANCE, false));
        return new FieldSpec(e);
    }

    /** The default selection. */
    public static final List<String> DEFAULT_FEATURES = List.of("d", "m");

    /**
     * The entries picked by {@code tokens}: a token is a field name (all its entries) or a column name,
     * optionally with {@code :none|zscore|rank} (per-dataset normalisation) and {@code *column} (cross with
     * a category), e.g. {@code score_logme:rank*arch_family}. A column that is not in the spec is taken as a
     * raw scalar of field {@code x}.
     */
    public FieldSpec select(List<String> tokens) {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : tokens) {
            Token token = Token.parse(raw);
            if (token == null) {
                continue;
            }
            String name = token.name();
            String interact = token.interact();
            Normalize norm = token.normalize() == null ? null : Normalize.parse(token.normalize());
            List<Entry> matched = entries.stream().filter(e -> e.field().equals(name)).toList();
            if (matched.isEmpty()) {
                matched = entries.stream().filter(e -> e.column().equals(name)).toList();
            }
            if (matched.isEmpty()) {
                matched = List.of(Entry.scalar("x", name, false));
            }
            for (Entry e : matched) {
                Entry x = e;
                if (norm != null || !interact.isEmpty()) {
                    x = new Entry(e.field(), e.column(), e.type(), e.oneHot(), e.log(),
                            norm != null ? norm : e.normalize(), interact.isEmpty() ? e.interact() : interact);
                }
                if (seen.add(x.label())) {
                    out.add(x);
                }
            }
        }
        if (out.isEmpty()) {
            throw new FieldSpecException("no features selected");
        }
        return new FieldSpec(out);
    }

    /**
     * The names {@code tokens} spell out as {@link #select} reads them: each token's field or column name and the
     * category it is crossed with ({@code score_logme:rank*arch_family}: score_logme and arch_family). A field
     * name ({@code s}) is itself, not the columns it stands for.
     */
    public static Set<String> namesIn(List<String> tokens) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : tokens) {
            Token token = Token.parse(raw);
            if (token != null) {
                names.add(token.name());
                if (!token.interact().isEmpty()) {
                    names.add(token.interact());
                }
            }
        }
        return names;
    }

    /** One token of a selection: a name, its normalisation's text (null: none given), the crossed category ("": none). */
    private record Token(String name, String normalize, String interact) {

        /** {@code NAME[:NORM][*CATEGORY]}; null for a blank token. */
        static Token parse(String raw) {
            String t = raw.strip();
            if (t.isEmpty()) {
                return null;
            }
            String interact = "";
            int star = t.indexOf('*');
            if (star >= 0) {
                interact = t.substring(star + 1).strip();
                t = t.substring(0, star).strip();
            }
            String norm = null;
            int colon = t.indexOf(':');
            if (colon >= 0) {
                norm = t.substring(colon + 1);
                t = t.substring(0, colon).strip();
            }
            return new Token(t, norm, interact);
        }
    }

    /** Comma-separated token list to {@link #select}. */
    public static List<String> parseFeatures(String csv) {
        return List.of(csv.split(","));
    }

    /** Reads a spec file: {@code .json} as JSON, anything else as CSV (see {@link FieldSpecReader}). */
    public static FieldSpec read(Path file) {
        return FieldSpecReader.read(file);
    }

    /**
     * Checks a selection against a history's header: a token that named neither a spec field nor a spec
     * column must be a column of the history, and so must every {@code *category} it is crossed with.
     *
     * @throws FieldSpecException naming the token, the source and the columns available
     */
    public FieldSpec requireColumnsOf(TrainingHistory history) {
        for (Entry e : entries) {
            boolean fromSpec = !e.field().equals("x");
            if (!fromSpec && !history.columns().contains(e.column())) {
                throw new FieldSpecException("feature '" + e.column() + "' is neither a field of the spec nor a column of "
                        + history.source() + " (columns: " + String.join(",", history.columns()) + ")");
            }
            if (!e.interact().isEmpty() && !history.columns().contains(e.interact())) {
                throw new FieldSpecException("feature '" + e.label() + "': '" + e.interact() + "' is not a column of "
                        + history.source());
            }
        }
        return this;
    }

    /**
     * The history columns this selection reads (each entry's column, and the category column it is crossed
     * with), in selection order, each once.
     */
    public List<String> columns() {
        Set<String> cols = new LinkedHashSet<>();
        for (Entry e : entries) {
            cols.add(e.column());
            if (!e.interact().isEmpty()) {
                cols.add(e.interact());
            }
        }
        return List.copyOf(cols);
    }

    /**
     * The columns of {@link #columns()} that {@code history} has but that are empty in every one of its jobs:
     * features that cannot help a recommender trained on it (a score column never filled in, say). Not an
     * error; a command shows each as a warning. A column the history lacks altogether is not listed: a
     * history need not record every column of the paper's table. Empty when every column has a value
     * somewhere.
     */
    public List<String> emptyColumns(TrainingHistory history) {
        List<String> present = columns().stream().filter(history.columns()::contains).toList();
        return emptyIn(present, history.jobs());
    }

    /** The {@code columns} that have no value in any of {@code rows}, in the given order. */
    static List<String> emptyIn(List<String> columns, List<Job> rows) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (rows.stream().allMatch(j -> j.cell(c).isEmpty())) {
                out.add(c);
            }
        }
        return out;
    }

    /** Selected labels, for provenance and output. */
    public List<String> labels() {
        return entries.stream().map(Entry::label).toList();
    }
}
