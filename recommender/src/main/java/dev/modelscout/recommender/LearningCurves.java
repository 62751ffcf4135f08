package dev.modelscout.recommender;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;

/**
 * The validation accuracy after every epoch of fine-tuning runs, kept beside a history as
 * {@code <history>-curves.csv} (the embedded world's {@code history-curves.csv}, docs/world.md): one row per
 * dataset, model, seed and epoch, columns {@code dataset,model,seed,epoch,val_accuracy} (others, such as
 * {@code val_loss} or {@code seconds}, are ignored). Every run must hold every epoch from 1 to the file's last,
 * so that a strategy that stops some runs early can be replayed on it.
 *
 * @param source the file, as messages name it
 * @param epochs the epochs of every run (the largest epoch in the file)
 * @param runs   dataset -> model -> seed -> validation accuracy after epoch 1..epochs (index epoch - 1); datasets,
 *               models and seeds in the order the file first names them
 */
public record LearningCurves(String source, int epochs, Map<String, Map<String, Map<Integer, double[]>>> runs) {

    /** The file name's ending after the history's stem: {@code history.csv} -> {@code history-curves.csv}. */
    public static final String SUFFIX = "-curves.csv";

    static final String SEED = "seed";
    static final String EPOCH = "epoch";
    static final String VAL_ACCURACY = "val_accuracy";
    private static final String EXPECTED = "dataset,model,seed,epoch,val_accuracy";

    /** Where the curves of {@code history} are kept: {@code H.csv} -> {@code H-curves.csv} beside it. */
    public static Path besideHistory(Path history) {
        String name = history.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return history.resolveSibling(stem + SUFFIX);
    }

    /**
     * Reads {@code file}.
     *
     * @throws HistoryFormatException one line naming file:line for a missing column, a seed or epoch that is not
     *                                a whole number (epoch >= 1), an accuracy outside [0,1], an epoch given twice,
     *                                or a run that lacks an epoch
     */
    public static LearningCurves read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new HistoryFormatException(file + ": learning curves not found (no such file)");
        }
        return parse(file.toString(), HistoryReader.text(HistoryReader.readBytes(file), file.toString()));
    }

    /** Parses CSV text; {@code source} names it in messages. */
    public static LearningCurves parse(String source, String text) {
        CsvSheet sheet = CsvSheet.read(source, text, EXPECTED);
        int dataset = sheet.column(HistorySchema.DATASET);
        int model = sheet.column(HistorySchema.MODEL);
        int seed = sheet.column(SEED);
        int epoch = sheet.column(EPOCH);
        int acc = sheet.column(VAL_ACCURACY);
        Map<String, Map<String, Map<Integer, Map<Integer, Double>>>> read = new LinkedHashMap<>();
        Map<String, Long> firstLine = new LinkedHashMap<>();
        int epochs = 0;
        for (int r = 1; r < sheet.records().size(); r++) {
            CSVRecord rec = sheet.records().get(r);
            long line = sheet.line(rec);
            String d = required(sheet, rec, dataset, HistorySchema.DATASET, line);
            String m = required(sheet, rec, model, HistorySchema.MODEL, line);
            int s = whole(sheet, rec, seed, SEED, line, Integer.MIN_VALUE);
            int e = whole(sheet, rec, epoch, EPOCH, line, 1);
            String a = CsvSheet.cell(rec, acc);
            double v;
            try {
                v = Double.parseDouble(a);
            } catch (NumberFormatException x) {
                v = Double.NaN;
            }
            if (!(v >= 0 && v <= 1)) {
                throw HistoryFormatException.at(source, line, acc + 1, VAL_ACCURACY, "'" + a + "' is not a number in [0,1]");
            }
            String key = d + "\u0000" + m + "\u0000" + s + "\u0000" + e;
            Long first = firstLine.putIfAbsent(key, line);
            if (first != null) {
                throw new HistoryFormatException(source + ":" + line + ": epoch " + e + " of dataset '" + d + "', model '"
                        + m + "', seed " + s + " is given twice (first on line " + first + ")");
            }
            firstLine.putIfAbsent(d + "\u0000" + m + "\u0000" + s, line);
            read.computeIfAbsent(d, x -> new LinkedHashMap<>()).computeIfAbsent(m, x -> new LinkedHashMap<>())
                    .computeIfAbsent(s, x -> new TreeMap<>()).put(e, v);
            epochs = Math.max(epochs, e);
        }
        if (read.isEmpty()) {
            throw new HistoryFormatException(source + ": no learning curves (a header and no rows)");
        }
        Map<String, Map<String, Map<Integer, double[]>>> runs = new LinkedHashMap<>();
        for (var d : read.entrySet()) {
            Map<String, Map<Integer, double[]>> byModel = new LinkedHashMap<>();
            for (var m : d.getValue().entrySet()) {
                Map<Integer, double[]> bySeed = new LinkedHashMap<>();
                for (var s : m.getValue().entrySet()) {
                    double[] curve = new double[epochs];
                    for (int e = 1; e <= epochs; e++) {
                        Double v = s.getValue().get(e);
                        if (v == null) {
                            throw new HistoryFormatException(source + ":" + firstLine.get(d.getKey() + "\u0000"
                                    + m.getKey() + "\u0000" + s.getKey()) + ": the run of dataset '" + d.getKey()
                                    + "', model '" + m.getKey() + "', seed " + s.getKey() + " has no epoch " + e
                                    + " (every run needs epochs 1 to " + epochs + ", the file's last)");
                        }
                        curve[e - 1] = v;
                    }
                    bySeed.put(s.getKey(), curve);
                }
                byModel.put(m.getKey(), bySeed);
            }
            runs.put(d.getKey(), byModel);
        }
        return new LearningCurves(source, epochs, freeze(runs));
    }

    private static Map<String, Map<String, Map<Integer, double[]>>> freeze(
            Map<String, Map<String, Map<Integer, double[]>>> m) {
        Map<String, Map<String, Map<Integer, double[]>>> out = new LinkedHashMap<>();
        m.forEach((d, byModel) -> {
            Map<String, Map<Integer, double[]>> mm = new LinkedHashMap<>();
            byModel.forEach((k, v) -> mm.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            out.put(d, java.util.Collections.unmodifiableMap(mm));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String required(CsvSheet sheet, CSVRecord rec, int col, String name, long line) {
        String v = CsvSheet.cell(rec, col);
        if (v.isEmpty()) {
            throw HistoryFormatException.at(sheet.source(), line, col + 1, name, "empty (required)");
        }
        return v;
    }

    private static int whole(CsvSheet sheet, CSVRecord rec, int col, String name, long line, int min) {
        String v = CsvSheet.cell(rec, col);
        try {
            int i = Integer.parseInt(v);
            if (i >= min) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HistoryFormatException.at(sheet.source(), line, col + 1, name, "'" + v + "' is not a whole number"
                + (min == 1 ? " >= 1" : ""));
    }

    /**
     * The runs of {@code dataset} when every one of {@code models} has curves for the same seeds (at least one):
     * model -> seed -> curve, in {@code models}' order of the file; else null, with the reason in {@code why}.
     */
    public Map<String, Map<Integer, double[]>> complete(String dataset, List<String> models, List<String> why) {
        Map<String, Map<Integer, double[]>> byModel = runs.get(dataset);
        if (byModel == null) {
            why.add("no curves of this dataset");
            return null;
        }
        List<String> missing = models.stream().filter(m -> !byModel.containsKey(m)).toList();
        if (!missing.isEmpty()) {
            why.add("no curves of " + missing.size() + " of its " + models.size() + " models (" + missing.get(0)
                    + (missing.size() > 1 ? ", ..." : "") + ")");
            return null;
        }
        Map<String, Map<Integer, double[]>> out = new LinkedHashMap<>();
        List<Integer> seeds = null;
        for (String m : byModel.keySet()) {
            if (!models.contains(m)) {
                continue;
            }
            List<Integer> s = new ArrayList<>(byModel.get(m).keySet());
            s.sort(null);
            if (seeds == null) {
                seeds = s;
            } else if (!seeds.equals(s)) {
                why.add("models with curves of different seeds (" + m + ": " + s + ", others: " + seeds + ")");
                return null;
            }
            out.put(m, byModel.get(m));
        }
        return out;
    }
}
