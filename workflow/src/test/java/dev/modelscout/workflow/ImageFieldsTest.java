package dev.modelscout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFieldsTest {

    @TempDir
    Path dir;

    @Test
    void theReferenceIsTheCheapestBackboneThenTheFirstIdAndUnknownCostsComeLast() throws Exception {
        Path zoo = dir.resolve("zoo.csv");
        Files.writeString(zoo, "id,gmacs,weights\nbig,4.1,a.pt\nunknown,,b.pt\nzeta,0.5,c.pt\nalpha,0.5,d.pt\n");
        assertEquals("alpha", ImageFields.reference(BackboneCatalog.load(zoo)).id());
        Files.writeString(zoo, "id,gmacs,weights\nunknown,,b.pt\nbig,4.1,a.pt\n");
        assertEquals("big", ImageFields.reference(BackboneCatalog.load(zoo)).id());
        Files.writeString(zoo, "id,weights\nz,b.pt\ny,a.pt\n");
        assertEquals("y", ImageFields.reference(BackboneCatalog.load(zoo)).id());
    }
}
