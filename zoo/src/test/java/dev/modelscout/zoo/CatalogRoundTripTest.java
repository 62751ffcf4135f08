package dev.modelscout.zoo;

import static dev.modelscout.zoo.CatalogFiles.GOOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import dev.modelscout.zoo.CatalogFiles.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer and the reader apply one set of rules, checked as properties over seeded random values built
 * from the characters that break files (separators, quotes, comment marks, control characters, line
 * breaks, odd spaces, non-ASCII): what the writer accepts reads back equal from CSV and JSON; what the
 * reader refuses, the writer refuses; and a draft ({@code zoo add}) gets the same verdict as a file's cell.
 */
class CatalogRoundTripTest {

    private static final String[] PIECES = {"a", "Z", "7", ".", "_", "+", "-", ",", ";", "#", "\"", "'", "/", "\\", " ",
        "\t", "\n", "\r", "\u0000", "\u00A0", "\u2003", "\u2028", "é", "中", "😀", "[", "]", "?", ":", "..", "%20"};
    private static final List<String> PREFIXES = List.of("", "", "builtin:", "djl://", "models/", "../");
    private static final double[] NUMBERS = {0, -0.0, 1, -1, 0.5, 1e-300, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1 + 0.2};

    @TempDir
    Path dir;

    private CatalogFiles files;
    private final Random random = new Random(20240509);

    @BeforeEach
    void setUp() {
        files = new CatalogFiles(dir);
    }

    @Test
    void textFromSeededRandomPiecesGetsOneVerdictAndAcceptedTextReadsBackEqual() {
        int accepted = 0;
        for (int i = 0; i < 300; i++) {
            String field = List.of("id", "arch_family", "pretrain_dataset", "weights", "channels").get(i % 5);
            String value = (field.equals("weights") ? PREFIXES.get(random.nextInt(PREFIXES.size())) : "") + pieces();
            Outcome draft = draft(field, value);
            Outcome csv = files.readCsv(Map.of(field, value));
            Outcome json = files.readJson(Map.of(field, value));
            String what = field + " = '" + CatalogRules.shown(value) + "'";
            assertEquals(draft.accepted(), csv.accepted(), () -> what + ": draft " + draft + ", CSV " + csv);
            assertEquals(draft.accepted(), json.accepted(), () -> what + ": draft " + draft + ", JSON " + json);
            if (draft.accepted()) {
                accepted++;
                assertEquals(draft.entry(), csv.entry(), what);
                assertEquals(draft.entry(), json.entry(), what);
                files.assertRoundTrips(draft.entry());
            } else {
                CatalogFiles.assertRefusal(draft.refusal(), "draft.csv", "");
            }
            writerAgreesWithReader(field, value, csv);
        }
        assertTrue(accepted > 30 && accepted < 270, "accepted " + accepted + " of 300: the values test too little");
    }

    @Test
    void numbersFromSeededRandomPicksGetOneVerdictAndAcceptedOnesReadBackEqual() {
        for (int i = 0; i < 150; i++) {
            double g = pick();
            double[] mean = {pick(), pick(), pick()};
            double[] std = {pick(), pick(), pick()};
            Outcome draft = files.draft(BackboneDraft.of(GOOD.id(), GOOD.weights()).gmacs(g).mean(mean).std(std));
            Outcome csv = files.readCsv(Map.of("gmacs", Double.toString(g), "mean", text(mean), "std", text(std)));
            Outcome json = files.readJson(Map.of("gmacs", g, "mean", mean, "std", std));
            assertEquals(draft.accepted(), csv.accepted(), () -> "draft " + draft + ", CSV " + csv);
            assertEquals(draft.accepted(), json.accepted(), () -> "draft " + draft + ", JSON " + json);
            assertEquals(draft.entry(), csv.entry());
            assertEquals(draft.entry(), json.entry());
            if (draft.accepted()) {
                files.assertRoundTrips(draft.entry());
            }
            Backbone b;
            try {
                b = new Backbone("m", null, null, new Preprocessing(256, 224, mean, std, "RGB"), 0, g, g, "m.pt", null);
            } catch (IllegalArgumentException e) {
                continue; // not even a value: no writer sees it
            }
            if (draft.accepted()) {
                files.assertRoundTrips(b);
            } else {
                files.assertWriterRefuses(b, "");
            }
        }
    }

    /**
     * The value given in code, untrimmed: the writer accepts it only if the reader reads it back equal, and
     * refuses it wherever the reader refuses the same cell.
     */
    private void writerAgreesWithReader(String field, String value, Outcome csv) {
        Backbone b;
        try {
            Backbone g = GOOD;
            Preprocessing p = g.preprocessing();
            b = switch (field) {
                case "id" -> new Backbone(value, g.archFamily(), g.pretrainDataset(), p, g.featureDim(), g.gmacs(),
                        g.paramsM(), g.weights(), g.sha256());
                case "arch_family" -> new Backbone(g.id(), value, g.pretrainDataset(), p, g.featureDim(), g.gmacs(),
                        g.paramsM(), g.weights(), g.sha256());
                case "pretrain_dataset" -> new Backbone(g.id(), g.archFamily(), value, p, g.featureDim(), g.gmacs(),
                        g.paramsM(), g.weights(), g.sha256());
                case "weights" -> new Backbone(g.id(), g.archFamily(), g.pretrainDataset(), p, g.featureDim(), g.gmacs(),
                        g.paramsM(), value, null);
                default -> new Backbone(g.id(), g.archFamily(), g.pretrainDataset(),
                        new Preprocessing(p.resize(), p.crop(), p.mean(), p.std(), value), g.featureDim(), g.gmacs(),
                        g.paramsM(), g.weights(), g.sha256());
            };
        } catch (IllegalArgumentException e) {
            return; // the records refuse it themselves
        }
        boolean writes;
        try {
            BackboneCatalog.loadOrCreate(dir.resolve("probe.csv")).with(b, true);
            writes = true;
        } catch (ZooException e) {
            CatalogFiles.assertRefusal(e.getMessage(), "probe.csv", "");
            writes = false;
        }
        if (writes) {
            files.assertRoundTrips(b);
        } else if (!csv.accepted()) {
            assertThrows(ZooException.class, () -> BackboneCatalog.loadOrCreate(dir.resolve("probe.json")).with(b, true));
        }
    }

    private Outcome draft(String field, String value) {
        BackboneDraft d = BackboneDraft.of(field.equals("id") ? value : GOOD.id(), field.equals("weights") ? value : GOOD.weights());
        return files.draft(switch (field) {
            case "arch_family" -> d.archFamily(value);
            case "pretrain_dataset" -> d.pretrainDataset(value);
            case "channels" -> d.channels(value);
            default -> d;
        });
    }

    private String pieces() {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private double pick() {
        return random.nextInt(4) == 0 ? NUMBERS[random.nextInt(NUMBERS.length)] : random.nextDouble() * 2;
    }

    private static String text(double[] values) {
        return values[0] + " " + values[1] + " " + values[2];
    }
}
