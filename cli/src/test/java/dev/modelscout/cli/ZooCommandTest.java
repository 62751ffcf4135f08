package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
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
        CliTest.run("zoo", "list").expectExit(2).expectErr("--zoo");
    }

    @Test
    void weightsInsideTheCatalogFolderAreStoredRelative() {
        Path zoo = dir.resolve("zoo.csv");
        assertEquals(Path.of("m", "a.pt").toString(), ZooAddCommand.storedWeights(dir.resolve("m/a.pt").toString(), zoo));
        assertEquals("/elsewhere/b.pt", ZooAddCommand.storedWeights("/elsewhere/b.pt", zoo));
        assertEquals("builtin:resnet18", ZooAddCommand.storedWeights("builtin:resnet18", zoo));
        assertEquals("djl://ai.djl.pytorch/resnet", ZooAddCommand.storedWeights("djl://ai.djl.pytorch/resnet", zoo));
    }
}
