package dev.modelscout.zoo;

import dev.modelscout.core.Backbone;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV catalog: a header row of field names (any order, {@code id} and {@code weights} required), one
 * row per backbone, {@code #} comments and blank lines allowed, cells trimmed; mean and std as three
 * numbers separated by spaces or semicolons. Written with every field, in {@link CatalogField} order.
 */
final class CatalogCsv implements CatalogCodec {

    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();
    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    @Override
    public List<Backbone> read(Path file, String text) {
        Map<String, Backbone> out = new LinkedHashMap<>();
        Map<String, String> firstAt = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(text, READ)) {
            List<CatalogField> fields = header(file, parser.getHeaderNames());
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (rec.size() != fields.size()) {
                    throw new ZooException(file + ": line " + line + ": " + rec.size() + " cells, the header has "
                            + fields.size());
                }
                Map<CatalogField, String> cells = new EnumMap<>(CatalogField.class);
                for (int i = 0; i < fields.size(); i++) {
                    cells.put(fields.get(i), rec.get(i));
                }
                String where = file + ": line " + line;
                CatalogCodec.putUnique(out, firstAt, CatalogCells.toBackbone(cells, Map.of(), where), where,
                        "on line " + line);
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new ZooException(file + ": malformed CSV: " + CatalogRules.oneLine(e.getMessage()), e);
        }
        return List.copyOf(out.values());
    }

    private static List<CatalogField> header(Path file, List<String> names) {
        if (names.isEmpty()) {
            throw new ZooException(file + ": empty zoo catalog (expected a header row with " + CatalogField.NAMES + ")");
        }
        List<CatalogField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(CatalogField.named(names.get(i), file + ": line 1, column " + (i + 1)));
        }
        for (CatalogField required : CatalogField.REQUIRED) {
            if (!fields.contains(required)) {
                throw new ZooException(file + ": line 1: the header has no '" + required.key + "' column");
            }
        }
        return fields;
    }

    @Override
    public String write(Path file, Collection<Backbone> entries) {
        StringWriter w = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(w, WRITE)) {
            printer.printRecord(Arrays.stream(CatalogField.values()).map(f -> f.key));
            for (Backbone b : entries) {
                printer.printRecord(Arrays.stream(CatalogField.values()).map(f -> cell(f.value(b))));
            }
        } catch (IOException e) {
            throw new ZooException(file + ": cannot format CSV: " + e.getMessage(), e);
        }
        return w.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof double[] values) {
            StringBuilder sb = new StringBuilder();
            for (double v : values) {
                sb.append(sb.length() == 0 ? "" : " ").append(number(v));
            }
            return sb.toString();
        }
        return value.toString();
    }

    /** Shortest text that reads back equal; whole numbers without {@code .0}. */
    static String number(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
