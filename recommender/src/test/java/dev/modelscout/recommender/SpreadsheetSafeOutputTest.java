package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV outputs keep cells as they are by default and neutralise formulas on request. */
class SpreadsheetSafeOutputTest {

    @TempDir
    Path dir;

    @Test
    void predictionsNeutraliseFormulaNamesOnlyWhenAsked() throws Exception {
        List<Prediction> p = List.of(new Prediction("=HYPERLINK(\"http://evil\")", "resnet", 1, 0.5, Double.NaN, null));
        Path raw = dir.resolve("raw.csv");
        Prediction.write(p, raw);
        assertTrue(Files.readString(raw).contains("\n\"=HYPERLINK(\"\"http://evil\"\")\",resnet,"), Files.readString(raw));
        Path safe = dir.resolve("safe.csv");
        Prediction.write(p, safe, true);
        assertTrue(Files.readString(safe).contains("\n\"'=HYPERLINK(\"\"http://evil\"\")\",resnet,"), Files.readString(safe));
    }
}
