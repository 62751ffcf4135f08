package dev.modelscout.scoring;

import dev.modelscout.core.IoErrors;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import dev.modelscout.core.Npy;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Reading score inputs from files and writing results: NumPy {@code .npy} (any float or integer dtype,
 * C or Fortran order, via core's {@link Npy}) or CSV (comma-separated numbers, one row per image, an
 * optional header row that is recognised by not being numeric). Results are written atomically as CSV
 * (a header of score names, one row of values) or JSON ({@code {"logme": ..., ...}}) by file extension.
 */
public final class ScoreFiles {

    private ScoreFiles() {
    }

    /** An N x D matrix from .npy (2-D, or 1-D as N x 1) or CSV. */
    public static FeatureMatrix readMatrix(Path file) {
        if (isNpy(file)) {
            return Npy.read(file).toMatrix(file);
        }
        List<CsvRow> rows = readCsv(file, false);
        int d = rows.get(0).values().length;
        double[] data = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).values(), 0, data, i * d, d);
        }
        return new FeatureMatrix(rows.size(), d, data);
    }

    /**
     * Checks inputs read from files against each other, naming the files: as many labels (and probability
     * rows) as feature rows, and only finite values. The scores check the same again without file names.
     */
    public static void checkInputs(Path featuresFile, FeatureMatrix features, Path labelsFile, Labels labels,
            Path probsFile, FeatureMatrix probs) {
        requireFinite(featuresFile, features);
        if (labels.size() != features.rows()) {
            throw new ScoringException(labelsFile + ": " + labels.size() + " labels, but " + featuresFile + " has "
                    + features.rows() + " feature rows");
        }
        if (probs != null) {
            requireFinite(probsFile, probs);
            if (probs.rows() != features.rows()) {
                throw new ScoringException(probsFile + ": " + probs.rows() + " probability rows, but " + featuresFile
                        + " has " + features.rows() + " feature rows");
            }
        }
    }

    private static void requireFinite(Path file, FeatureMatrix m) {
        long at = m.firstNonFinite();
        if (at >= 0) {
            throw new ScoringException(file + ": " + m.data()[(int) at] + " at row " + at / m.cols() + ", column "
                    + at % m.cols() + " (values must be finite)");
        }
    }

    /**
     * Class ids from .npy (1-D or N x 1: any integer dtype up to int64, read exactly, or floats holding whole
     * numbers up to 2^53) or CSV (one id per line: any integer that fits in 64 bits, such as
     * {@code 3000000000}, or a whole number written as a float, such as {@code 7.0} or {@code 3e9}, up to
     * 2^53); remapped to 0..C-1 in ascending order of the id.
     *
     * @throws ScoringException naming the file and the index (and for CSV the line) of the first id that is
     *                          not such an integer
     */
    public static Labels readLabels(Path file) {
        long[] raw;
        if (isNpy(file)) {
            raw = Npy.readIntegers(file);
        } else {
            List<CsvRow> rows = readCsv(file, true);
            if (rows.get(0).values().length != 1) {
                throw new ScoringException(file + ": labels must be one column, found " + rows.get(0).values().length);
            }
            raw = new long[rows.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = integer(file, rows.get(i), i);
            }
        }
        return Labels.remap(raw);
    }

    /** The id in a one-cell CSV row: its text as a 64-bit integer, or a float holding a whole number up to 2^53. */
    private static long integer(Path file, CsvRow row, int index) {
        String text = row.cells()[0].strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            // not written as a plain integer: a float such as 7.0 or 3e9, or not an integer at all
        }
        double v = row.values()[0];
        String where = file + ":" + row.line() + ": label at index " + index;
        if (v != Math.rint(v) || Double.isInfinite(v)) {
            throw new ScoringException(where + " is not an integer: '" + text + "'");
        }
        if (Math.abs(v) > Npy.EXACT_FLOAT_INTEGERS) {
            throw new ScoringException(where + " is '" + text + "', " + (looksInteger(text)
                    ? "beyond the 64-bit integer range" : "a float beyond 2^53 that may have been rounded; write it "
                    + "as a plain integer"));
        }
        return (long) v;
    }

    private static boolean looksInteger(String text) {
        return text.matches("[+-]?\\d+");
    }

    private static boolean isNpy(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /** One data row of a CSV input: its 1-based line, its cells as text (when asked for) and as numbers. */
    private record CsvRow(long line, String[] cells, double[] values) {
    }

    private static List<CsvRow> readCsv(Path file, boolean keepCells) {
        List<CsvRow> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            int width = -1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                double[] values = new double[cells.length];
                boolean header = false;
                for (int j = 0; j < cells.length; j++) {
                    String cell = cells[j].strip();
                    try {
                        values[j] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        if (rows.isEmpty() && width < 0) {
                            header = true; // first non-blank line with text: a header
                            break;
                        }
                        throw new ScoringException(file + ":" + lineNo + ": column " + (j + 1) + " is not a number: '"
                                + cell + "'");
                    }
                }
                if (header) {
                    width = cells.length;
                    continue;
                }
                if (width >= 0 && cells.length != width) {
                    throw new ScoringException(file + ":" + lineNo + ": " + cells.length + " columns, expected " + width);
                }
                width = cells.length;
                rows.add(new CsvRow(lineNo, keepCells ? cells : null, values));
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ScoringException(file + ": not a CSV text file (not UTF-8); give .npy or CSV numbers", e);
        } catch (IOException e) {
            throw new ScoringException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        if (rows.isEmpty()) {
            throw new ScoringException(file + ": no data rows");
        }
        return rows;
    }

    /**
     * Writes the scores of several models (e.g. every backbone of a zoo on one image folder): {@code .json}
     * as an object keyed by model id, each an object keyed by score name; {@code .csv} as a header
     * {@code model,<score>,...} and one row per model. Written atomically.
     */
    public static void writeResultsByModel(Path file, Map<String, List<Scores.Result>> byModel) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        if (name.endsWith(".json")) {
            sb.append("{\n");
            int m = 0;
            for (Map.Entry<String, List<Scores.Result>> e : byModel.entrySet()) {
                sb.append(m++ == 0 ? "" : ",\n").append("  \"").append(jsonEscape(e.getKey())).append("\": {");
                appendJsonFields(sb, e.getValue());
                sb.append('}');
            }
            sb.append("\n}\n");
        } else if (name.endsWith(".csv")) {
            List<String> header = new ArrayList<>(List.of("model"));
            byModel.values().stream().findFirst().ifPresent(r -> r.forEach(x -> header.add(x.name())));
            sb.append(String.join(",", header)).append('\n');
            for (Map.Entry<String, List<Scores.Result>> e : byModel.entrySet()) {
                sb.append(csvEscape(e.getKey()));
                for (Scores.Result r : e.getValue()) {
                    sb.append(',').append(r.value());
                }
                sb.append('\n');
            }
        } else {
            throw unknownFormat(file);
        }
        write(file, sb.toString());
    }

    /** Writes results as CSV (a header of score names, one row of values) or JSON (by the extension), atomically. */
    public static void writeResults(Path file, List<Scores.Result> results) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        if (name.endsWith(".json")) {
            sb.append('{');
            appendJsonFields(sb, results);
            sb.append("}\n");
        } else if (name.endsWith(".csv")) {
            for (int i = 0; i < results.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(results.get(i).name());
            }
            sb.append('\n');
            for (int i = 0; i < results.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(results.get(i).value());
            }
            sb.append('\n');
        } else {
            throw unknownFormat(file);
        }
        write(file, sb.toString());
    }

    /** {@code "name": value} of each result, separated by {@code ", "}. */
    private static void appendJsonFields(StringBuilder sb, List<Scores.Result> results) {
        for (int i = 0; i < results.size(); i++) {
            double v = results.get(i).value();
            // JSON has no NaN or infinity: such a score (it could not be computed) is null.
            sb.append(i == 0 ? "" : ", ").append('"').append(results.get(i).name()).append("\": ")
                    .append(Double.isFinite(v) ? Double.toString(v) : "null");
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String csvEscape(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static ScoringException unknownFormat(Path file) {
        return new ScoringException(file + ": unknown result format; use a .csv or .json file name");
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new ScoringException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }
}
