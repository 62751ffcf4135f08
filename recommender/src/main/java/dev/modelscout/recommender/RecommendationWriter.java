package dev.modelscout.recommender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.InvalidOptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a ranking of candidate rows ({@code recommend --out}): CSV in the history schema (so that, with an
 * {@code accuracy} column filled in, it can be appended to a history) with {@code rank} first and
 * {@code predicted_accuracy} last, or JSON with the recommender's provenance.
 */
public final class RecommendationWriter {

    /** The output formats, chosen by the file's extension. */
    public enum Format {
        CSV, JSON;

        /** The format of {@code file}; checked before any work so that a bad name fails at once. */
        public static Format of(Path file) {
            String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv")) {
                return CSV;
            }
            if (n.endsWith(".json")) {
                return JSON;
            }
            throw new InvalidOptionException(file + ": --out must end in .csv or .json");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private RecommendationWriter() {
    }

    /**
     * Writes {@code ranked} with their {@code intervals} (null: none) to {@code file} atomically: the predicted
     * accuracy clipped to [0, 1], {@code low} and {@code high} after it. With {@code spreadsheetSafe}, CSV cells that
     * a spreadsheet would run as formulas are neutralised ({@link dev.modelscout.core.SpreadsheetCells}), and the
     * file is no longer for {@code history append}.
     */
    public static void write(Path file, String datasetId, List<Prediction> ranked, List<String> scoreNames,
            Provenance recommender, PredictionIntervals intervals, boolean spreadsheetSafe) {
        String text = Format.of(file) == Format.CSV ? csv(ranked, intervals, spreadsheetSafe)
                : json(datasetId, ranked, scoreNames, recommender, intervals);
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }

    /**
     * The CSV columns: rank, the schema's columns but accuracy and source, the image fields, predicted_accuracy.
     */
    public static List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("rank"));
        HistorySchema.COLUMNS.stream().filter(c -> !c.equals(HistorySchema.ACCURACY) && !c.equals(HistorySchema.SOURCE))
                .forEach(header::add);
        header.addAll(HistorySchema.IMAGE_FIELDS);
        header.add("predicted_accuracy");
        header.add("low");
        header.add("high");
        return header;
    }

    static String csv(List<Prediction> ranked, PredictionIntervals intervals, boolean spreadsheetSafe) {
        List<String> header = csvHeader();
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (Prediction r : ranked) {
                List<String> row = new ArrayList<>();
                for (String c : header) {
                    row.add(switch (c) {
                        case "rank" -> Integer.toString(r.rank());
                        case "predicted_accuracy" -> Double.toString(Calibration.clip(r.predicted()));
                        case "low" -> intervals == null ? "" : Double.toString(intervals.of(r.model()).low());
                        case "high" -> intervals == null ? "" : Double.toString(intervals.of(r.model()).high());
                        default -> spreadsheetSafe ? dev.modelscout.core.SpreadsheetCells.neutralise(r.row().cell(c))
                                : r.row().cell(c);
                    });
                }
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static Double known(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static String json(String datasetId, List<Prediction> ranked, List<String> scoreNames, Provenance recommender,
                       PredictionIntervals intervals) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Prediction r : ranked) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", r.rank());
            m.put("model", r.model());
            m.put("predicted_accuracy", Calibration.clip(r.predicted()));
            if (intervals != null) {
                Calibration.Interval in = intervals.of(r.model());
                m.put("low", in.low());
                m.put("high", in.high());
                m.put("out_of_domain", in.outOfDomain());
            }
            m.put("arch_family", r.row().cell(HistorySchema.ARCH_FAMILY));
            m.put("pretrain_dataset", r.row().cell(HistorySchema.PRETRAIN_DATASET));
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String s : scoreNames) {
                double v = r.row().number(HistorySchema.scoreColumn(s));
                scores.put(s, Double.isNaN(v) ? null : v);
            }
            m.put("scores", scores);
            m.put(HistorySchema.DOMAIN_DISTANCE, known(r.row().number(HistorySchema.DOMAIN_DISTANCE)));
            rows.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>(dev.modelscout.core.OutputStamp.now().asMap());
        doc.put("dataset", datasetId);
        if (!ranked.isEmpty()) {
            Job first = ranked.get(0).row();
            doc.put(HistorySchema.PROBE_ACCURACY, known(first.number(HistorySchema.PROBE_ACCURACY)));
            doc.put(HistorySchema.PROBE_MODEL, first.cell(HistorySchema.PROBE_MODEL).isEmpty() ? null
                    : first.cell(HistorySchema.PROBE_MODEL));
        }
        doc.put("scores", scoreNames);
        doc.put("recommender", recommender);
        doc.put("ranking", rows);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the ranking: " + e.getMessage(), e);
        }
    }
}
