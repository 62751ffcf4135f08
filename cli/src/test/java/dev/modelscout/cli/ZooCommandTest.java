package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsAndShowsCatalogEntries() throws Exception {
        Path zoo = dir.resolve("zoo.csv");
        Files.writeString(zoo, "id,arch_family,crop,feature_dim,gmacs,params_m,weights\n"
                + "r18,resnet,224,512,1.8136,11.18,models/r18.pt\nb,resnet,32,0,,,builtin:resnet18\n");
        CliTest.run("zoo", "list", "--zoo", zoo.toString()).expectExit(0).expectOut("r18  resnet")
                .expectOut("models/r18.pt").expectOut("builtin:resnet18");
        CliTest.run("zoo", "show", "--zoo", zoo.toString(), "r18").expectExit(0)
                .expectOut(dir.resolve("models/r18.pt") + "  (MISSING)").expectOut("resize 256, centre crop 224");
        CliTest.run("zoo", "show", "--zoo", zoo.toString(), "b").expectExit(0).expectOut("- (not measured)");
    }

    @Test
    void badCatalogIsAOneLineErrorWithExitCode1() throws Exception {
        Path zoo = dir.resolve("zoo.csv");
        Files.writeString(zoo, "id,weights,crop\nr18,r18.pt,2x4\n");
        CliTest r = CliTest.run("zoo", "list", "--zoo", zoo.toString()).expectExit(1)
                .expectErr("zoo.csv: line 2 (r18), field 'crop': '2x4' is not an integer");
        assertEquals(1, r.err().lines().count(), r.err());
        CliTest.run("zoo", "show", "--zoo", zoo.toString().replace("zoo.csv", "none.csv"), "x").expectExit(1)
                .expectErr("zoo catalog not found");
        // without --zoo: the embedded world's zoo (docs/world.md)
        CliTest.run("zoo", "list").expectExit(0).expectOut("resnet-s-mnist").expectOut("vit-s-random");
    }

    @Test
    void weightsInsideTheCatalogFolderAreStoredRelative() {
        Path zoo = dir.resolve("zoo.csv");
        assertEquals(Path.of("m", "a.pt").toString(), ZooAddCommand.storedWeights(dir.resolve("m/a.pt").toString(), zoo));
        assertEquals("/elsewhere/b.pt", ZooAddCommand.storedWeights("/elsewhere/b.pt", zoo));
        assertEquals("builtin:resnet18", ZooAddCommand.storedWeights("builtin:resnet18", zoo));
        assertEquals("djl://ai.djl.pytorch/resnet", ZooAddCommand.storedWeights("djl://ai.djl.pytorch/resnet", zoo));
    }

    @Test
    void addWithAnInvalidIdFailsInOneLineAndLeavesTheCatalogByteIdentical() throws Exception {
        Path zoo = dir.resolve("zoo.csv");
        Files.writeString(zoo, "id,weights\nr18,builtin:resnet18\n");
        byte[] before = Files.readAllBytes(zoo);
        CliTest r = CliTest.run("zoo", "add", "--zoo", zoo.toString(), "--id", "a b", "--weights", "builtin:resnet18")
                .expectExit(1).expectErr("zoo.csv: new entry, field 'id': 'a b' is not a valid id");
        assertEquals(1, r.err().lines().count(), r.err());
        assertArrayEquals(before, Files.readAllBytes(zoo));
        assertEquals(List.of(zoo), files());
    }

    @Test
    void addRefusesEveryValueTheReaderWouldRefuseBeforeLoadingTheModel() throws Exception {
        for (String name : List.of("zoo.csv", "zoo.json")) {
            Path zoo = dir.resolve(name);
            Files.writeString(zoo, name.endsWith(".csv") ? "id,weights\nr18,builtin:resnet18\n"
                    : "[{\"id\": \"r18\", \"weights\": \"builtin:resnet18\"}]\n");
            byte[] before = Files.readAllBytes(zoo);
            List<List<String>> bad = List.of(
                    List.of("field 'id': '../x' is not a valid id", "--id", "../x"),
                    List.of("field 'id': 'a,b' is not a valid id", "--id", "a,b"),
                    List.of("field 'id': '.hidden' is not a valid id", "--id", ".hidden"),
                    List.of("field 'id': 'a\\nb' is not a valid id", "--id", "a\nb"),
                    List.of("field 'id': missing backbone id", "--id", ""),
                    List.of("field 'weights': 'builtin:' needs an architecture name", "--weights", "builtin:"),
                    List.of("field 'weights': missing", "--weights", ""),
                    List.of("field 'weights': 'djl://a b' is not a valid URL", "--weights", "djl://a b"),
                    List.of("field 'arch_family': 'res\\nnet' contains a control character", "--arch", "res\nnet"),
                    List.of("field 'crop': must be > 0, got 0", "--crop", "0"),
                    List.of("need 0 < crop <= resize", "--resize", "100"),
                    List.of("field 'mean': expected 3 numbers (R G B), got 2", "--mean", "0.5,0.5"),
                    List.of("field 'std': must be finite numbers", "--std", "1,Infinity,1"),
                    List.of("channels must be RGB or BGR, got XYZ", "--channels", "xyz"),
                    List.of("field 'gmacs': must be a finite number >= 0, got NaN", "--gmacs", "NaN"),
                    List.of("field 'gmacs': must be a finite number >= 0, got -1.0", "--gmacs", "-1"));
            for (List<String> c : bad) {
                Map<String, String> options = new LinkedHashMap<>(Map.of("--zoo", zoo.toString(), "--id", "m",
                        "--weights", "builtin:resnet18"));
                options.put(c.get(1), c.get(2));
                List<String> args = new ArrayList<>(List.of("zoo", "add"));
                options.forEach((k, v) -> args.addAll(List.of(k, v)));
                CliTest r = CliTest.run(args.toArray(String[]::new)).expectExit(1).expectErr(name + ": new entry")
                        .expectErr(c.get(0));
                assertEquals(1, r.err().lines().count(), r.err());
                assertTrue(r.err().codePoints().noneMatch(ch -> ch != '\n' && Character.isISOControl(ch)), r.err());
                assertArrayEquals(before, Files.readAllBytes(zoo), name + " " + c);
            }
            CliTest.run("zoo", "add", "--zoo", zoo.toString(), "--id", "r18", "--weights", "builtin:resnet34").expectExit(1)
                    .expectErr("backbone 'r18' is already in the zoo");
            assertArrayEquals(before, Files.readAllBytes(zoo), name);
        }
        assertEquals(List.of(dir.resolve("zoo.csv"), dir.resolve("zoo.json")), files());
    }

    private List<Path> files() throws Exception {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void weightsThatAreAFolderADeviceOrADanglingLinkAreNamedForWhatTheyAre() throws Exception {
        java.nio.file.Path zoo = dir.resolve("zoo.csv");
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "a", "--weights", dir.toString())
                .expectExit(2).expectErr("is a folder, not a TorchScript file");
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "a", "--weights", "/dev/zero")
                .expectExit(2).expectErr("is not a regular file");
        java.nio.file.Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("gone.pt"), dir.resolve("nothing.pt"));
        CliTest.run("--device", "cpu", "zoo", "add", "--zoo", zoo.toString(), "--id", "a", "--weights", link.toString())
                .expectExit(2).expectErr("symbolic link to a file that does not exist");
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(zoo), "nothing written");
    }
}
