package dev.modelscout.zoo;

import dev.modelscout.core.IoErrors;
import dev.modelscout.core.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import dev.modelscout.core.WeightsKind;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The backbone catalog users edit: a CSV file (one row per backbone, header row required, {@code #}
 * comments allowed) or a JSON file (an array of objects, or {@code {"backbones": [...]}}) with the same
 * field names. Relative weights paths resolve against the catalog's folder. Every problem is a
 * {@link ZooException} that names the file, the line (CSV) or entry (JSON), the field and the model.
 *
 * <p>Fields: {@value #FIELDS_TEXT}. Only {@code id} and {@code weights} are required; {@code crop}
 * defaults to 224, {@code resize} to crop/0.875, {@code mean}/{@code std} to the ImageNet values
 * (three numbers separated by spaces or semicolons in CSV, an array in JSON), {@code channels} to RGB,
 * {@code feature_dim} to 0 (not yet measured).
 */
public final class BackboneCatalog {

    static final List<String> FIELDS = List.of("id", "arch_family", "pretrain_dataset", "resize", "crop", "mean",
            "std", "channels", "feature_dim", "gmacs", "params_m", "weights", "sha256");
    private static final String FIELDS_TEXT = "id, arch_family, pretrain_dataset, resize, crop, mean, std, channels, "
            + "feature_dim, gmacs, params_m, weights, sha256";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Backbone> entries;

    private BackboneCatalog(Path file, Map<String, Backbone> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads a catalog; the format follows the extension ({@code .json}, else CSV). */
    public static BackboneCatalog load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ZooException(file + ": zoo catalog not found");
        } catch (IOException e) {
            throw new ZooException(file + ": cannot read zoo catalog: " + IoErrors.reason(e), e);
        }
        Map<String, Backbone> entries = isJson(file) ? parseJson(file, text) : parseCsv(file, text);
        return new BackboneCatalog(file, entries);
    }

    /** Reads the catalog, or starts an empty one when the file does not exist yet (for {@code zoo add}). */
    public static BackboneCatalog loadOrCreate(Path file) {
        return Files.exists(file) ? load(file) : new BackboneCatalog(file, new LinkedHashMap<>());
    }

    public Path file() {
        return file;
    }

    /** All entries in file order. */
    public List<Backbone> backbones() {
        return List.copyOf(entries.values());
    }

    public boolean contains(String id) {
        return entries.containsKey(id);
    }

    /** The entry with this id, or a {@link ZooException} listing the ids there are. */
    public Backbone get(String id) {
        Backbone b = entries.get(id);
        if (b == null) {
            throw new ZooException(file + ": no backbone '" + id + "' in the zoo (has: "
                    + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet())) + ")");
        }
        return b;
    }

    /** The entries with these ids in the order given, or every entry when {@code ids} is empty. */
    public List<Backbone> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            if (entries.isEmpty()) {
                throw new ZooException(file + ": the zoo catalog has no backbones");
            }
            return backbones();
        }
        List<Backbone> out = new ArrayList<>();
        for (String id : ids) {
            out.add(get(id.trim()));
        }
        return out;
    }

    /**
     * The entry with its weights location made absolute: a relative TorchScript path resolves against the
     * catalog's folder; URLs and builtins are returned unchanged.
     */
    public Backbone resolved(Backbone b) {
        if (WeightsKind.of(b.weights()) != WeightsKind.FILE) {
            return b;
        }
        Path p = Path.of(b.weights());
        if (p.isAbsolute()) {
            return b;
        }
        Path base = file.toAbsolutePath().getParent();
        return new Backbone(b.id(), b.archFamily(), b.pretrainDataset(), b.preprocessing(), b.featureDim(),
                b.gmacs(), b.paramsM(), base.resolve(p).normalize().toString(), b.sha256());
    }

    /** A catalog with {@code b} added (or replacing the entry with the same id when {@code replace}). */
    public BackboneCatalog with(Backbone b, boolean replace) {
        if (entries.containsKey(b.id()) && !replace) {
            throw new ZooException(file + ": backbone '" + b.id() + "' is already in the zoo (use --replace to overwrite it)");
        }
        validate(b, file + ": backbone '" + b.id() + "'");
        Map<String, Backbone> copy = new LinkedHashMap<>(entries);
        copy.put(b.id(), b);
        return new BackboneCatalog(file, copy);
    }

    /** Writes the catalog atomically, in the format its extension names. */
    public void save() {
        String text = isJson(file) ? toJson() : toCsv();
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new ZooException(file + ": cannot write zoo catalog: " + IoErrors.reason(e), e);
        }
    }

    // ---------------------------------------------------------------- parsing

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static Map<String, Backbone> parseCsv(Path file, String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();
        Map<String, Backbone> out = new LinkedHashMap<>();
        Map<String, Long> lineOf = new LinkedHashMap<>();
        try (Reader r = new java.io.StringReader(text); CSVParser parser = CSVParser.parse(r, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new ZooException(file + ": empty zoo catalog (expected a header row with " + FIELDS_TEXT + ")");
            }
            for (int i = 0; i < header.size(); i++) {
                if (!FIELDS.contains(header.get(i))) {
                    throw new ZooException(file + ": line 1, column " + (i + 1) + ": unknown field '" + header.get(i)
                            + "' (known: " + FIELDS_TEXT + ")");
                }
            }
            for (String required : List.of("id", "weights")) {
                if (!header.contains(required)) {
                    throw new ZooException(file + ": line 1: the header has no '" + required + "' column");
                }
            }
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    throw new ZooException(file + ": line " + line + ": " + rec.size() + " cells, the header has "
                            + header.size());
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (String h : header) {
                    values.put(h, rec.get(h));
                }
                String where = file + ": line " + line;
                Backbone b = fromFields(values, where, header, h -> splitNumbers(values.get(h)));
                Long previous = lineOf.putIfAbsent(b.id(), line);
                if (previous != null) {
                    throw new ZooException(where + ": duplicate backbone id '" + b.id() + "' (first on line " + previous + ")");
                }
                out.put(b.id(), b);
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ZooException(file + ": malformed CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<String> splitNumbers(String text) {
        List<String> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        for (String p : text.replace('[', ' ').replace(']', ' ').split("[;\\s]+")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return parts;
    }

    private static Map<String, Backbone> parseJson(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ZooException(file + (loc == null ? "" : ": line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root != null && root.isObject() ? root.get("backbones") : root;
        if (list == null || !list.isArray()) {
            throw new ZooException(file + ": expected a JSON array of backbones or {\"backbones\": [...]}");
        }
        Map<String, Backbone> out = new LinkedHashMap<>();
        Map<String, Integer> entryOf = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = file + ": entry " + (i + 1);
            if (!node.isObject()) {
                throw new ZooException(where + ": expected an object");
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, List<String>> arrays = new LinkedHashMap<>();
            List<String> present = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                if (!FIELDS.contains(key)) {
                    throw new ZooException(where + ": unknown field '" + key + "' (known: " + FIELDS_TEXT + ")");
                }
                present.add(key);
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    List<String> items = new ArrayList<>();
                    v.forEach(x -> items.add(x.asText()));
                    arrays.put(key, items);
                    values.put(key, String.join(" ", items));
                } else if (v.isNull()) {
                    values.put(key, "");
                } else {
                    values.put(key, v.asText());
                }
            }
            Backbone b = fromFields(values, where, present,
                    h -> arrays.containsKey(h) ? arrays.get(h) : splitNumbers(values.get(h)));
            Integer previous = entryOf.putIfAbsent(b.id(), i + 1);
            if (previous != null) {
                throw new ZooException(where + ": duplicate backbone id '" + b.id() + "' (first in entry " + previous + ")");
            }
            out.put(b.id(), b);
        }
        return out;
    }

    private static Backbone fromFields(Map<String, String> v, String where, List<String> present,
                                       java.util.function.Function<String, List<String>> numbers) {
        String id = text(v, "id");
        if (id == null) {
            throw new ZooException(where + ", field 'id': missing backbone id");
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            throw new ZooException(where + ", field 'id': '" + id
                    + "' is not a valid id (letters, digits, '.', '_', '+', '-'; it names a cache folder)");
        }
        String at = where + " (" + id + ")";
        String weights = text(v, "weights");
        if (weights == null) {
            throw new ZooException(at + ", field 'weights': missing (a TorchScript file, djl://... or builtin:NAME)");
        }
        Integer crop = integer(v, "crop", at);
        int c = crop == null ? 224 : crop;
        Integer resize = integer(v, "resize", at);
        int r = resize == null ? (int) Math.round(c / 0.875) : resize;
        Preprocessing imagenet = Preprocessing.imagenet(c);
        double[] mean = present.contains("mean") && text(v, "mean") != null ? triple(numbers.apply("mean"), "mean", at) : imagenet.mean();
        double[] std = present.contains("std") && text(v, "std") != null ? triple(numbers.apply("std"), "std", at) : imagenet.std();
        String channels = text(v, "channels");
        channels = channels == null ? "RGB" : channels.toUpperCase(Locale.ROOT);
        Preprocessing prep;
        try {
            prep = new Preprocessing(r, c, mean, std, channels);
        } catch (IllegalArgumentException e) {
            throw new ZooException(at + ", preprocessing: " + e.getMessage());
        }
        Integer dim = integer(v, "feature_dim", at);
        String sha = text(v, "sha256");
        Backbone b;
        try {
            b = new Backbone(id, text(v, "arch_family"), text(v, "pretrain_dataset"), prep, dim == null ? 0 : dim,
                    decimal(v, "gmacs", at), decimal(v, "params_m", at), weights,
                    sha == null ? null : sha.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ZooException(at + ": " + e.getMessage());
        }
        validate(b, at);
        return b;
    }

    private static void validate(Backbone b, String at) {
        if (b.sha256() != null && !b.sha256().matches("[0-9a-f]{64}")) {
            throw new ZooException(at + ", field 'sha256': '" + b.sha256() + "' is not 64 hex digits");
        }
        if (b.sha256() != null && WeightsKind.of(b.weights()) != WeightsKind.FILE) {
            throw new ZooException(at + ", field 'sha256': a checksum applies to weights files only, not to " + b.weights());
        }
        if (b.gmacs() != null && !(b.gmacs() >= 0 && Double.isFinite(b.gmacs()))) {
            throw new ZooException(at + ", field 'gmacs': must be a finite number >= 0, got " + b.gmacs());
        }
        if (b.paramsM() != null && !(b.paramsM() >= 0 && Double.isFinite(b.paramsM()))) {
            throw new ZooException(at + ", field 'params_m': must be a finite number >= 0, got " + b.paramsM());
        }
        if (WeightsKind.of(b.weights()) == WeightsKind.BUILTIN && b.weights().length() == WeightsKind.BUILTIN_PREFIX.length()) {
            throw new ZooException(at + ", field 'weights': 'builtin:' needs an architecture name, e.g. builtin:resnet18");
        }
    }

    private static String text(Map<String, String> v, String key) {
        String s = v.get(key);
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Integer integer(Map<String, String> v, String key, String at) {
        String s = text(v, key);
        if (s == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(s);
            if (n <= 0 && !"feature_dim".equals(key)) {
                throw new ZooException(at + ", field '" + key + "': must be > 0, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ZooException(at + ", field '" + key + "': '" + s + "' is not an integer");
        }
    }

    private static Double decimal(Map<String, String> v, String key, String at) {
        String s = text(v, key);
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ZooException(at + ", field '" + key + "': '" + s + "' is not a number");
        }
    }

    private static double[] triple(List<String> parts, String key, String at) {
        if (parts.size() != 3) {
            throw new ZooException(at + ", field '" + key + "': expected 3 numbers (R G B), got " + parts.size());
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                out[i] = Double.parseDouble(parts.get(i));
            } catch (NumberFormatException e) {
                throw new ZooException(at + ", field '" + key + "': '" + parts.get(i) + "' is not a number");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- writing

    private List<String> row(Backbone b) {
        Preprocessing p = b.preprocessing();
        return List.of(b.id(), nz(b.archFamily()), nz(b.pretrainDataset()), Integer.toString(p.resize()),
                Integer.toString(p.crop()), joinNumbers(p.mean()), joinNumbers(p.std()), p.channels(),
                Integer.toString(b.featureDim()), num(b.gmacs()), num(b.paramsM()), b.weights(), nz(b.sha256()));
    }

    private String toCsv() {
        StringWriter w = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(FIELDS);
            for (Backbone b : entries.values()) {
                printer.printRecord(row(b));
            }
        } catch (IOException e) {
            throw new ZooException(file + ": cannot format CSV: " + e.getMessage(), e);
        }
        return w.toString();
    }

    private String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("backbones");
        for (Backbone b : entries.values()) {
            ObjectNode n = list.addObject();
            Preprocessing p = b.preprocessing();
            n.put("id", b.id());
            putOpt(n, "arch_family", b.archFamily());
            putOpt(n, "pretrain_dataset", b.pretrainDataset());
            n.put("resize", p.resize());
            n.put("crop", p.crop());
            ArrayNode mean = n.putArray("mean");
            for (double m : p.mean()) {
                mean.add(m);
            }
            ArrayNode std = n.putArray("std");
            for (double s : p.std()) {
                std.add(s);
            }
            n.put("channels", p.channels());
            n.put("feature_dim", b.featureDim());
            if (b.gmacs() != null) {
                n.put("gmacs", b.gmacs());
            }
            if (b.paramsM() != null) {
                n.put("params_m", b.paramsM());
            }
            n.put("weights", b.weights());
            putOpt(n, "sha256", b.sha256());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new ZooException(file + ": cannot format JSON: " + e.getMessage(), e);
        }
    }

    private static void putOpt(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String num(Double d) {
        if (d == null) {
            return "";
        }
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String joinNumbers(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(num(v));
        }
        return sb.toString();
    }
}
