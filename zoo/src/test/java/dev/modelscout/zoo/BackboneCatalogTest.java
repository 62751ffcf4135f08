package dev.modelscout.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneCatalogTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsCsvWithDefaultsAndComments() throws Exception {
        Path f = write("zoo.csv", """
                # my zoo
                id,arch_family,pretrain_dataset,crop,mean,std,feature_dim,gmacs,params_m,weights,sha256
                resnet18,resnet,imagenet,224,0.485 0.456 0.406,0.229;0.224;0.225,512,1.82,11.18,models/resnet18.pt,%s

                tiny,cnn,,32,,,16,,,builtin:resnet18,
                """.formatted("a".repeat(64)));
        BackboneCatalog c = BackboneCatalog.load(f);
        assertEquals(2, c.backbones().size());
        Backbone r = c.get("resnet18");
        assertEquals(256, r.preprocessing().resize());
        assertEquals(224, r.inputSize());
        assertArrayEquals(new double[] {0.229, 0.224, 0.225}, r.preprocessing().std());
        assertEquals(512, r.featureDim());
        assertEquals(1.82, r.gmacs());
        assertEquals("a".repeat(64), r.sha256());
        Backbone t = c.get("tiny");
        assertNull(t.pretrainDataset());
        assertNull(t.gmacs());
        assertEquals(Preprocessing.imagenet(32), t.preprocessing());
        assertEquals(dir.resolve("models/resnet18.pt").toString(), c.resolved(r).weights());
        assertEquals("builtin:resnet18", c.resolved(t).weights());
    }

    @Test
    void rejectsUnknownColumnNamingIt() throws Exception {
        Path f = write("zoo.csv", "id,weights,featuredim\na,x.pt,3\n");
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(f));
        assertTrue(e.getMessage().contains("line 1, column 3: unknown field 'featuredim'"), e.getMessage());
    }

    @Test
    void rejectsNonIntegerCropWithLineAndModel() throws Exception {
        Path f = write("zoo.csv", "id,weights,crop\na,x.pt,224\nb,y.pt,big\n");
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(f));
        assertTrue(e.getMessage().contains("line 3 (b), field 'crop': 'big' is not an integer"), e.getMessage());
    }

    @Test
    void rejectsDuplicateIds() throws Exception {
        Path f = write("zoo.csv", "id,weights\na,x.pt\na,y.pt\n");
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(f));
        assertTrue(e.getMessage().contains("duplicate backbone id 'a' (first on line 2)"), e.getMessage());
    }

    @Test
    void rejectsBadChecksumAndMissingWeights() throws Exception {
        Path f = write("zoo.csv", "id,weights,sha256\na,x.pt,abc\n");
        assertTrue(assertThrows(ZooException.class, () -> BackboneCatalog.load(f)).getMessage()
                .contains("'abc' is not 64 hex digits"));
        Path g = write("zoo2.csv", "id,weights\na,\n");
        assertTrue(assertThrows(ZooException.class, () -> BackboneCatalog.load(g)).getMessage()
                .contains("field 'weights': missing"));
        Path h = write("zoo3.csv", "id,weights,std\na,x.pt,0.2 0 0.2\n");
        assertTrue(assertThrows(ZooException.class, () -> BackboneCatalog.load(h)).getMessage()
                .contains("std values must be > 0"));
        Path k = write("zoo4.csv", "id,weights,mean\na,x.pt,0.2 0.2\n");
        assertTrue(assertThrows(ZooException.class, () -> BackboneCatalog.load(k)).getMessage()
                .contains("expected 3 numbers"));
    }

    @Test
    void readsJsonAndReportsMalformedJsonPosition() throws Exception {
        Path f = write("zoo.json", """
                {"backbones": [
                  {"id": "m1", "weights": "builtin:resnet18", "crop": 64, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5],
                   "channels": "bgr", "feature_dim": 512}
                ]}
                """);
        Backbone b = BackboneCatalog.load(f).get("m1");
        assertEquals("BGR", b.preprocessing().channels());
        assertEquals(73, b.preprocessing().resize());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, b.preprocessing().mean());
        Path g = write("bad.json", "[{\"id\": \"x\",\n \"weights\" \"a.pt\"}]");
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(g));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Path h = write("unknown.json", "[{\"id\": \"x\", \"weights\": \"a.pt\", \"dim\": 3}]");
        assertTrue(assertThrows(ZooException.class, () -> BackboneCatalog.load(h)).getMessage()
                .contains("entry 1: unknown field 'dim'"));
    }

    @Test
    void unknownIdListsKnownIds() throws Exception {
        Path f = write("zoo.csv", "id,weights\na,x.pt\nb,y.pt\n");
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(f).select(List.of("a", "c")));
        assertTrue(e.getMessage().contains("no backbone 'c' in the zoo (has: a, b)"), e.getMessage());
        assertTrue(assertThrows(ZooException.class, () -> BackboneCatalog.load(dir.resolve("none.csv")))
                .getMessage().contains("zoo catalog not found"));
    }

    @Test
    void addSaveLoadRoundTripsInBothFormats() {
        for (String name : List.of("out.csv", "out.json")) {
            Backbone b = new Backbone("r18", "resnet", "imagenet", Preprocessing.imagenet(224), 512, 1.8186,
                    11.176512, "r18.pt", "b".repeat(64));
            Backbone builtin = new Backbone("b2", null, null, new Preprocessing(40, 32,
                    new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3}, "BGR"), 0, null, null, "builtin:resnet18", null);
            BackboneCatalog c = BackboneCatalog.loadOrCreate(dir.resolve(name)).with(b, false).with(builtin, false);
            c.save();
            BackboneCatalog back = BackboneCatalog.load(dir.resolve(name));
            assertEquals(List.of(b, builtin), back.backbones(), name);
            assertThrows(ZooException.class, () -> back.with(b, false));
            Backbone changed = new Backbone("r18", "resnet", "imagenet", Preprocessing.imagenet(224), 512, 2.0,
                    11.176512, "r18.pt", null);
            assertEquals(2.0, back.with(changed, true).get("r18").gmacs());
        }
    }

    @Test
    void sourceStatsResolveAgainstTheCatalogAndAreCheckedWhenRead() throws Exception {
        Path f = write("zoo.csv", """
                id,feature_dim,weights,source_stats
                a,2,a.pt,stats/a.source.npy
                b,3,b.pt,stats/a.source.npy
                c,2,c.pt,stats/missing.npy
                d,2,d.pt,
                """);
        java.nio.file.Files.createDirectories(dir.resolve("stats"));
        dev.modelscout.core.FeatureStats stats = new dev.modelscout.core.FeatureStats(new double[] {1, 2},
                new double[] {0.5, 0.25}, 0);
        stats.write(dir.resolve("stats/a.source.npy"));
        BackboneCatalog c = BackboneCatalog.load(f);
        assertEquals("stats/a.source.npy", c.get("a").sourceStats());
        assertEquals(dir.resolve("stats/a.source.npy").toString(), c.resolved(c.get("a")).sourceStats());
        assertEquals(stats, c.sourceStats(c.get("a")).orElseThrow());
        assertEquals(stats, c.sourceStats(c.resolved(c.get("a"))).orElseThrow());
        assertTrue(c.sourceStats(c.get("d")).isEmpty());
        ZooException wrongDim = assertThrows(ZooException.class, () -> c.sourceStats(c.get("b")));
        assertTrue(wrongDim.getMessage().contains("b: source_stats " + dir.resolve("stats/a.source.npy")
                + ": 2 dimensions, but feature_dim is 3"), wrongDim.getMessage());
        ZooException missing = assertThrows(ZooException.class, () -> c.sourceStats(c.get("c")));
        assertTrue(missing.getMessage().endsWith("missing.npy: no such file"), missing.getMessage());
        Path saved = dir.resolve("saved.csv");
        java.nio.file.Files.copy(f, saved);
        BackboneCatalog.update(saved, x -> x, m -> { });
        assertEquals(c.backbones(), BackboneCatalog.load(saved).backbones());
    }

    @Test
    void sourceStatsMustNameANpyFile() throws Exception {
        Path f = write("zoo.csv", "id,weights,source_stats\na,a.pt,a.txt\n");
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(f));
        assertTrue(e.getMessage().contains("field 'source_stats': 'a.txt' is not a .npy file"), e.getMessage());
    }

    @Test
    void aCatalogThatIsNotUtf8IsRefusedWithItsLine() throws Exception {
        Path f = dir.resolve("zoo.csv");
        byte[] b = "id,weights\na,builtin:resnet18\nb\u00ff,builtin:resnet18\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(f, b);
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(f));
        assertTrue(e.getMessage().startsWith(f + ":3: not UTF-8"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsSkippedAsInHistories() throws Exception {
        Path csv = write("zoo.csv", "\uFEFFid,weights\na,builtin:resnet18\n");
        assertEquals(List.of("a"), BackboneCatalog.load(csv).backbones().stream().map(Backbone::id).toList());
        Path json = write("zoo.json", "\uFEFF[{\"id\": \"a\", \"weights\": \"builtin:resnet18\"}]");
        assertEquals(1, BackboneCatalog.load(json).backbones().size());
    }

    @Test
    void cropAndResizeAreBoundedByTheCatalogRules() throws Exception {
        Path crop = write("zoo.csv", "id,crop,weights\nhuge,20000,builtin:resnet18\n");
        ZooException e = assertThrows(ZooException.class, () -> BackboneCatalog.load(crop));
        assertTrue(e.getMessage().contains("field 'crop': 20000 pixels is above the limit of " + CatalogRules.MAX_CROP),
                e.getMessage());
        Path resize = write("zoo2.csv", "id,resize,crop,weights\nhuge,1000000,224,builtin:resnet18\n");
        e = assertThrows(ZooException.class, () -> BackboneCatalog.load(resize));
        assertTrue(e.getMessage().contains("field 'resize': 1000000 pixels is above the limit of " + CatalogRules.MAX_RESIZE),
                e.getMessage());
        Path edge = write("zoo3.csv", "id,resize,crop,weights\nbig,4096,2048,builtin:resnet18\n");
        assertEquals(2048, BackboneCatalog.load(edge).get("big").inputSize());
    }
}
