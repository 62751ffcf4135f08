package dev.modelscout.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Test helpers: catalog files written by hand (cells encoded by commons-csv and Jackson, not by the code
 * under test), and the three ways a value reaches a catalog (a CSV cell, a JSON value, a draft).
 */
final class CatalogFiles {

    static final String SHA = "0123456789abcdef".repeat(4);
    static final Backbone GOOD = new Backbone("r18", "resnet", "imagenet", Preprocessing.imagenet(224), 512, 1.8186,
            11.176512, "models/r18.pt", SHA);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    CatalogFiles(Path dir) {
        this.dir = dir;
    }

    /** What reading or building gave: the one entry, or the message it was refused with. */
    record Outcome(Backbone entry, String refusal) {
        static Outcome of(java.util.function.Supplier<Backbone> read) {
            try {
                return new Outcome(read.get(), null);
            } catch (ZooException e) {
                return new Outcome(null, e.getMessage());
            }
        }

        boolean accepted() {
            return entry != null;
        }
    }

    /** A CSV catalog with one row: id and weights from GOOD unless {@code cells} gives them. */
    Outcome readCsv(Map<String, String> cells) {
        Map<String, Object> all = withRequired(cells);
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(all.keySet());
            p.printRecord(all.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read("hand.csv", w.toString());
    }

    /** A JSON catalog with one entry; values are strings, numbers or double[] (an array). */
    Outcome readJson(Map<String, ?> values) {
        ObjectNode n = JSON.createObjectNode();
        withRequired(values).forEach((k, v) -> {
            if (v instanceof double[] a) {
                ArrayNode arr = n.putArray(k);
                for (double x : a) {
                    arr.add(x);
                }
            } else if (v instanceof Integer x) {
                n.put(k, x);
            } else if (v instanceof Double x) {
                n.put(k, x);
            } else {
                n.put(k, (String) v);
            }
        });
        return read("hand.json", "[" + n + "]");
    }

    Outcome read(String name, String text) {
        Path f = write(name, text);
        return Outcome.of(() -> {
            List<Backbone> all = BackboneCatalog.load(f).backbones();
            assertEquals(1, all.size(), text);
            return all.get(0);
        });
    }

    /** What {@code zoo add} makes of a draft, for a catalog in this folder. */
    Outcome draft(BackboneDraft d) {
        return Outcome.of(() -> BackboneCatalog.loadOrCreate(dir.resolve("draft.csv")).entry(d));
    }

    /** {@link #assertWriterRefuses(Backbone, boolean, String)}, replacing an entry with the same id. */
    void assertWriterRefuses(Backbone b, String fragment) {
        assertWriterRefuses(b, true, fragment);
    }

    /**
     * Adds {@code b} to a CSV and a JSON catalog that already hold GOOD: refused with a one-line message that
     * names the file and has {@code fragment}, and the file keeps its bytes (and no temporary file is left).
     */
    void assertWriterRefuses(Backbone b, boolean replace, String fragment) {
        for (String name : List.of("existing.csv", "existing.json")) {
            Path f = dir.resolve(name);
            BackboneCatalog.loadOrCreate(f).with(GOOD, true).save();
            byte[] before = bytes(f);
            List<Path> filesBefore = list();
            ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(f).with(b, replace).save(), name);
            assertRefusal(e.getMessage(), name, fragment);
            assertArrayEquals(before, bytes(f), name);
            assertEquals(filesBefore, list(), name);
        }
    }

    /** Writes {@code b} to a CSV and a JSON catalog and reads it back: equal. */
    void assertRoundTrips(Backbone b) {
        for (String name : List.of("round.csv", "round.json")) {
            Path f = dir.resolve(name);
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BackboneCatalog.loadOrCreate(f).with(b, false).save();
            assertEquals(List.of(b), BackboneCatalog.load(f).backbones(), name + ": " + b);
        }
    }

    static void assertRefusal(String message, String file, String fragment) {
        assertTrue(message.contains(file), () -> "names no file: " + message);
        assertTrue(message.contains(fragment), () -> "lacks '" + fragment + "': " + message);
        assertEquals(1, message.lines().count(), () -> "not one line: " + message);
        assertTrue(message.codePoints().noneMatch(Character::isISOControl), () -> "control character in: " + message);
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> withRequired(Map<String, ?> cells) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", GOOD.id());
        all.put("weights", GOOD.weights());
        all.putAll(cells);
        return all;
    }

    private static byte[] bytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> list() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
