package dev.modelscout.recommender;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A predicted accuracy for one candidate row, with its rank (1 = best) among its dataset's candidates.
 *
 * @param row    the candidate row that was predicted
 * @param actual the row's accuracy when known, else NaN
 */
public record Prediction(String dataset, String model, int rank, double predicted, double actual, Job row) {

    /** Predicts every row (one batch per dataset) and ranks the rows of each dataset, best first. */
    public static List<Prediction> rank(Recommender r, List<Job> candidates) {
        List<Prediction> out = new ArrayList<>();
        for (Map.Entry<String, List<Job>> e : TrainingHistory.byDataset(candidates).entrySet()) {
            List<Job> rows = e.getValue();
            double[] p = r.predict(rows);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparing(i -> rows.get(i).model()));
            int rank = 1;
            for (int i : order) {
                Job row = rows.get(i);
                out.add(new Prediction(e.getKey(), row.model(), rank++, p[i], row.accuracy(), row));
            }
        }
        return out;
    }

    /**
     * The columns {@code r} reads ({@link Recommender#inputColumns()}) that have no value in any of
     * {@code rows}, in the recommender's order: on such rows it predicts from the other columns alone (an
     * absent scalar counts as its training mean, an absent category as none seen), which can differ much from
     * what it learned. Empty when every column has a value in some row.
     */
    public static List<String> absentColumns(Recommender r, List<Job> rows) {
        return FieldSpec.emptyIn(r.inputColumns(), rows);
    }

    /** Writes predictions as CSV (dataset,model,rank,predicted,actual) atomically. */
    public static void write(List<Prediction> predictions, Path file) {
        write(predictions, file, false);
    }

    /** {@link #write}; with {@code spreadsheetSafe}, names a spreadsheet would run as formulas are neutralised. */
    public static void write(List<Prediction> predictions, Path file, boolean spreadsheetSafe) {
        java.util.function.UnaryOperator<String> cell = spreadsheetSafe ? dev.modelscout.core.SpreadsheetCells::neutralise
                : s -> s;
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter pr = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            pr.printRecord("dataset", "model", "rank", "predicted", "actual");
            for (Prediction p : predictions) {
                pr.printRecord(cell.apply(p.dataset()), cell.apply(p.model()), p.rank(), p.predicted(), HistorySchema.format(p.actual()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            AtomicFiles.write(file, sb.toString());
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }
}
