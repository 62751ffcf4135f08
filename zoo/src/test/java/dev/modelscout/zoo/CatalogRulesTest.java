package dev.modelscout.zoo;

import static dev.modelscout.zoo.CatalogFiles.GOOD;
import static dev.modelscout.zoo.CatalogFiles.SHA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import dev.modelscout.zoo.CatalogFiles.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per class of rule: each bad value is refused by {@code zoo add}'s draft, by the CSV reader, by
 * the JSON reader and by the writer (which leaves the file as it was), each with a one-line message naming
 * the file and the field; each good value is accepted by all of them and reads back equal.
 */
class CatalogRulesTest {

    @TempDir
    Path dir;

    private CatalogFiles files;

    @BeforeEach
    void setUp() {
        files = new CatalogFiles(dir);
    }

    @Test
    void idsThatAreNoPortableFolderNameAreRefusedEverywhere() {
        for (String id : List.of("a b", "../x", "a/b", "a,b", "a;b", ".hidden", "-x", "_x", "a\nb", "a\tb", "é",
                "x".repeat(129))) {
            refusedEverywhere("id", id, "field 'id'");
            files.assertWriterRefuses(with(GOOD, id, null, null, GOOD.weights(), GOOD.sha256()), "field 'id'");
        }
        for (String id : List.of("", " ", "\n")) {
            refusedEverywhere("id", id, "field 'id': missing backbone id");
        }
        for (String id : List.of("r18", "vit_b-16+in21k.v2", "A.B", "7", "x".repeat(128))) {
            acceptedEverywhere("id", id);
        }
    }

    @Test
    void textFieldsMustBeOneLineWithoutEdgeSpaces() {
        for (String field : List.of("arch_family", "pretrain_dataset")) {
            for (String bad : List.of("a\nb", "a\rb", "tab\there", "n\u0000ul", "line\u2028sep")) {
                refusedEverywhere(field, bad, "field '" + field + "'");
            }
            for (String good : List.of("vision transformer", "a,b", "say \"hi\"", "#1", "semi;colon", "中文", "😀",
                    "nb\u00A0sp", "null")) {
                acceptedEverywhere(field, good);
            }
            // A file's cells are trimmed and blank means "not given", in drafts too; a value given in code must be so.
            Backbone trimmed = draft(field, "  resnet ").entry();
            assertEquals("resnet", field.equals("arch_family") ? trimmed.archFamily() : trimmed.pretrainDataset());
            assertEquals(GOOD.preprocessing(), draft(field, " \t").entry().preprocessing());
            // A broken surrogate pair cannot even be stored in a UTF-8 file.
            assertFalse(draft(field, "broken\uD800").accepted());
        }
        files.assertWriterRefuses(with(GOOD, GOOD.id(), " resnet", null, GOOD.weights(), GOOD.sha256()),
                "field 'arch_family': ' resnet' starts or ends with white space");
        files.assertWriterRefuses(with(GOOD, GOOD.id(), null, "\u2003", GOOD.weights(), GOOD.sha256()),
                "field 'pretrain_dataset': blank");
        files.assertWriterRefuses(with(GOOD, GOOD.id(), "pair\uDC00", null, GOOD.weights(), GOOD.sha256()),
                "field 'arch_family': 'pair\\udc00' contains a control character, line break or bidi control");
        files.assertWriterRefuses(with(GOOD, GOOD.id(), "a\nb", null, GOOD.weights(), GOOD.sha256()),
                "field 'arch_family': 'a\\nb' contains a control character, line break or bidi control");
    }

    @Test
    void weightsMustBeAFileAUrlOrABuiltinName() {
        for (String bad : List.of("builtin:", "builtin:res net", "djl://", "djl://a b", "djl://a^b", "a\u0000b.pt",
                "two\nlines.pt")) {
            refusedEverywhere("weights", bad, "field 'weights'");
            files.assertWriterRefuses(with(GOOD, GOOD.id(), null, null, bad, null), "field 'weights'");
        }
        refusedEverywhere("weights", "", "field 'weights': missing");
        for (String good : List.of("models/r 18.pt", "../shared/r18.pt", "/abs/r18.pt", "r18", "djl://ai.djl.pytorch/resnet",
                "builtin:resnet18?seed=3", "c:\\models\\r18.pt")) {
            acceptedEverywhere("weights", good);
        }
    }

    @Test
    void checksumIs64LowerCaseHexDigitsOfAWeightsFile() {
        for (String bad : List.of("abc", SHA.substring(1), "g".repeat(64), SHA + "0")) {
            refusedEverywhere("sha256", bad, "is not 64 hex digits");
        }
        // Upper case is read as lower case, in files and drafts alike; a value given in code must be lower case.
        assertEquals(SHA, draft("sha256", SHA.toUpperCase()).entry().sha256());
        assertEquals(SHA, files.readCsv(Map.of("sha256", SHA.toUpperCase())).entry().sha256());
        files.assertWriterRefuses(with(GOOD, GOOD.id(), null, null, GOOD.weights(), SHA.toUpperCase()), "is not in lower case");
        files.assertWriterRefuses(with(GOOD, GOOD.id(), null, null, "builtin:resnet18", SHA), "weights files only");
        assertEquals(SHA, files.readCsv(Map.of("sha256", SHA)).entry().sha256());
    }

    @Test
    void measuresMustBeFiniteAndNotNegative() {
        for (String field : List.of("gmacs", "params_m")) {
            for (double bad : new double[] {-1, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY}) {
                Outcome d = files.draft(field.equals("gmacs") ? base().gmacs(bad) : base().paramsM(bad));
                assertAllRefused("field '" + field + "'", d, files.readCsv(Map.of(field, Double.toString(bad))),
                        files.readJson(Map.of(field, bad)));
            }
            for (double good : new double[] {0, -0.0, Double.MIN_VALUE, 1e-300, 0.1, 1e300}) {
                Outcome d = files.draft(field.equals("gmacs") ? base().gmacs(good) : base().paramsM(good));
                assertAllAccepted(d, files.readCsv(Map.of(field, Double.toString(good))), files.readJson(Map.of(field, good)));
            }
        }
        files.assertWriterRefuses(new Backbone("m", null, null, Preprocessing.imagenet(224), 0, Double.NaN, null, "m.pt", null),
                "field 'gmacs': must be a finite number >= 0, got NaN");
        for (int bad : new int[] {-1, Integer.MIN_VALUE}) {
            assertAllRefused("field 'feature_dim': must be >= 0", files.draft(base().featureDim(bad)),
                    files.readCsv(Map.of("feature_dim", Integer.toString(bad))), files.readJson(Map.of("feature_dim", bad)));
        }
        assertAllRefused("is not an integer", files.readCsv(Map.of("feature_dim", "1.5")), files.readJson(Map.of("feature_dim", 1.5)));
    }

    @Test
    void preprocessingMustBeUsable() {
        assertAllRefused("field 'crop': must be > 0, got 0", files.draft(base().crop(0)),
                files.readCsv(Map.of("crop", "0")), files.readJson(Map.of("crop", 0)));
        assertAllRefused("field 'resize': must be > 0, got -5", files.draft(base().resize(-5)),
                files.readCsv(Map.of("resize", "-5")), files.readJson(Map.of("resize", -5)));
        assertAllRefused("need 0 < crop <= resize", files.draft(base().crop(224).resize(200)),
                files.readCsv(Map.of("crop", "224", "resize", "200")), files.readJson(Map.of("crop", 224, "resize", 200)));
        assertAllRefused("field 'crop': 2147483647 pixels is above the limit of 2048", files.draft(base().crop(Integer.MAX_VALUE)),
                files.readCsv(Map.of("crop", Integer.toString(Integer.MAX_VALUE))));
        assertAllRefused("field 'crop': 20000 pixels is above the limit of 2048", files.draft(base().crop(20000)),
                files.readCsv(Map.of("crop", "20000")), files.readJson(Map.of("crop", 20000)));
        assertAllRefused("field 'resize': 1000000 pixels is above the limit of 4096", files.draft(base().resize(1000000)),
                files.readCsv(Map.of("resize", "1000000")), files.readJson(Map.of("resize", 1000000)));
        double[][] badMeans = {{1, 2}, {1, 2, 3, 4}, {Double.NaN, 0, 0}, {0, Double.NEGATIVE_INFINITY, 0}};
        for (double[] bad : badMeans) {
            assertAllRefused("field 'mean'", files.draft(base().mean(bad)), files.readCsv(Map.of("mean", text(bad))),
                    files.readJson(Map.of("mean", bad)));
        }
        double[][] badStds = {{1, 0, 1}, {1, -1, 1}, {1, 1, Double.NaN}, {1, 1, Double.POSITIVE_INFINITY}};
        for (double[] bad : badStds) {
            assertAllRefused("std", files.draft(base().std(bad)), files.readCsv(Map.of("std", text(bad))),
                    files.readJson(Map.of("std", bad)));
        }
        assertAllRefused("channels must be RGB or BGR, got XYZ", files.draft(base().channels("xyz")),
                files.readCsv(Map.of("channels", "xyz")), files.readJson(Map.of("channels", "xyz")));
        assertAllRefused("got R\\nGB", files.draft(base().channels("r\ngb")), files.readCsv(Map.of("channels", "r\ngb")));
        Outcome bgr = files.draft(base().channels("bgr").crop(32).mean(new double[] {-1, 0, 1e-9}).std(new double[] {1e9, 1, 2}));
        assertAllAccepted(bgr, files.readCsv(Map.of("channels", "bgr", "crop", "32", "mean", "-1 0 1e-9", "std", "1e9;1;2")),
                files.readJson(Map.of("channels", "bgr", "crop", 32, "mean", new double[] {-1, 0, 1e-9}, "std", new double[] {1e9, 1, 2})));
        assertEquals(new Preprocessing(37, 32, new double[] {-1, 0, 1e-9}, new double[] {1e9, 1, 2}, "BGR"),
                bgr.entry().preprocessing());
        files.assertRoundTrips(bgr.entry());
    }

    @Test
    void addingAnIdTwiceIsRefusedUnlessReplacing() {
        files.assertWriterRefuses(GOOD, false, "backbone 'r18' is already in the zoo");
        Backbone other = with(GOOD, GOOD.id(), "vit", null, GOOD.weights(), null);
        BackboneCatalog c = BackboneCatalog.loadOrCreate(dir.resolve("z.csv")).with(GOOD, false).with(other, true);
        assertEquals(List.of(other), c.backbones());
    }

    @Test
    void messagesShowValuesOnOneLineAndCutLongOnes() {
        assertEquals("a\\nb\\r\\t\\u0000\\u2028", CatalogRules.shown("a\nb\r\t\u0000\u2028"));
        assertEquals("x".repeat(120) + "...", CatalogRules.shown("x".repeat(500)));
        assertEquals("😀".repeat(120) + "...", CatalogRules.shown("😀".repeat(121)));
        assertEquals(CatalogField.values().length, CatalogField.NAMES.split(", ").length);
    }

    // ---------------------------------------------------------------- helpers

    private static BackboneDraft base() {
        return BackboneDraft.of(GOOD.id(), GOOD.weights());
    }

    /** A draft with one text field set, as {@code zoo add} would make it. */
    private Outcome draft(String field, String value) {
        BackboneDraft d = BackboneDraft.of(field.equals("id") ? value : GOOD.id(), field.equals("weights") ? value : GOOD.weights());
        UnaryOperator<BackboneDraft> set = switch (field) {
            case "arch_family" -> x -> x.archFamily(value);
            case "pretrain_dataset" -> x -> x.pretrainDataset(value);
            case "sha256" -> x -> x.sha256(value);
            case "channels" -> x -> x.channels(value);
            default -> x -> x;
        };
        return files.draft(set.apply(d));
    }

    private void refusedEverywhere(String field, String value, String fragment) {
        assertAllRefused(fragment, draft(field, value), files.readCsv(Map.of(field, value)), files.readJson(Map.of(field, value)));
    }

    private void acceptedEverywhere(String field, String value) {
        Outcome d = draft(field, value);
        assertAllAccepted(d, files.readCsv(Map.of(field, value)), files.readJson(Map.of(field, value)));
        files.assertRoundTrips(d.entry());
    }

    private static void assertAllRefused(String fragment, Outcome... outcomes) {
        for (Outcome o : outcomes) {
            assertFalse(o.accepted(), () -> "accepted: " + o.entry());
            CatalogFiles.assertRefusal(o.refusal(), "", fragment);
            assertTrue(o.refusal().matches(".*\\.(csv|json): .*"), o.refusal());
        }
    }

    private static void assertAllAccepted(Outcome first, Outcome... others) {
        assertTrue(first.accepted(), first.refusal());
        for (Outcome o : others) {
            assertEquals(first, o);
        }
    }

    private static Backbone with(Backbone b, String id, String arch, String pretrain, String weights, String sha) {
        return new Backbone(id, arch, pretrain, b.preprocessing(), b.featureDim(), b.gmacs(), b.paramsM(), weights, sha);
    }

    private static String text(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(v);
        }
        return sb.toString();
    }
}
