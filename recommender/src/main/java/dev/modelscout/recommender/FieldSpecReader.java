package dev.modelscout.recommender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads field spec files: JSON ({@code {"entries": [...]}} or an array) or CSV (field,column,type,one_hot,log[,normalize,interact]). */
final class FieldSpecReader {

    private FieldSpecReader() {
    }

    static FieldSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FieldSpecException(file + ": cannot read the field spec: " + IoErrors.reason(e), e);
        }
        return file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? parseJson(file.toString(), text)
                : parseCsv(file.toString(), text);
    }

    static FieldSpec parseJson(String source, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FieldSpecException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode arr = root != null && root.isObject() ? root.get("entries") : root;
        if (arr == null || !arr.isArray()) {
            throw new FieldSpecException(source + ": expected {\"entries\": [...]} or a JSON array of entries");
        }
        List<FieldSpec.Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : arr) {
            String where = source + ": entries[" + i++ + "]";
            out.add(entry(where, text(n, "field"), text(n, "column"), text(n, "type"),
                    text(n, "oneHot", "one_hot"), text(n, "log"), text(n, "normalize"), text(n, "interact")));
        }
        return new FieldSpec(out);
    }

    private static String text(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return "";
    }

    static FieldSpec parseCsv(String source, String text) {
        List<FieldSpec.Entry> out = new ArrayList<>();
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text)).setFormat(CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get()).get()) {
            for (String required : List.of("column", "type")) {
                if (!p.getHeaderMap().containsKey(required)) {
                    throw new FieldSpecException(source + ": missing column '" + required
                            + "' (expected header field,column,type,one_hot,log[,normalize,interact])");
                }
            }
            for (CSVRecord r : p) {
                String where = source + ":" + (r.getRecordNumber() + 1);
                out.add(entry(where, get(r, "field"), get(r, "column"), get(r, "type"), get(r, "one_hot"),
                        get(r, "log"), get(r, "normalize"), get(r, "interact")));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new FieldSpecException(CsvErrors.describe(source, e) + " (field spec)", e);
        }
        return new FieldSpec(out);
    }

    private static String get(CSVRecord r, String name) {
        return r.isMapped(name) && r.isSet(name) ? r.get(name) : "";
    }

    private static FieldSpec.Entry entry(String where, String field, String column, String type, String oneHot, String log,
                               String normalize, String interact) {
        if (column.isBlank()) {
            throw new FieldSpecException(where + ": empty column name");
        }
        FieldSpec.Type t = switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "category", "categorical" -> FieldSpec.Type.CATEGORY;
            case "scalar", "numeric", "number" -> FieldSpec.Type.SCALAR;
            default -> throw new FieldSpecException(where + ": type must be category or scalar, not '" + type + "'");
        };
        try {
            return new FieldSpec.Entry(field, column, t, bool(where, "one_hot", oneHot), bool(where, "log", log),
                    FieldSpec.Normalize.parse(normalize), interact);
        } catch (FieldSpecException e) {
            throw new FieldSpecException(where + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(String where, String name, String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> true;
            case "", "no", "n", "false", "0" -> false;
            default -> throw new FieldSpecException(where + ": " + name + " must be yes or no, not '" + v + "'");
        };
    }
}
