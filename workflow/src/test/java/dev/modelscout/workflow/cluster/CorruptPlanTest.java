package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan.json damaged in any way is one line naming the file, without the JSON library's own wording. */
class CorruptPlanTest {

    @TempDir
    Path dir;

    @Test
    void aDamagedPlanIsOneLineNamingTheFileWithoutLibraryText() throws Exception {
        PlanFixture f = new PlanFixture(dir);
        JobPlan p = f.plan(dir.resolve("plan"), 2);
        Path planJson = p.dir().resolve("plan.json");
        String good = Files.readString(planJson);
        List<String> damaged = List.of(good.substring(0, good.length() / 2), "[1,2]", "{\"format\": \"x\"}",
                good.replace("\"plan_id\"", "\"plan_idx\""), good.replaceFirst("\\[", "{"), "\u0000\u0001", "",
                good.replace("\"models\" : [", "\"models\" : 7, \"x\": ["), "{\"format\": 1e400}",
                good + "}", good + " x", "\uFEFF" + good, "[".repeat(3000), "{\"format\": " + "9".repeat(2000) + "}",
                good.replace("\"cache\"", "\"cache\": null, \"c\""),
                good.replace("\"options\" : {", "\"options\" : {\"threads\": \"many\", \"t\": "));
        for (String text : damaged) {
            Files.writeString(planJson, text, StandardCharsets.UTF_8);
            JobsException e = assertThrows(JobsException.class, () -> PlanFiles.read(p.dir()), text);
            String m = e.getMessage();
            assertTrue(m.startsWith(planJson.toString()) || m.startsWith(p.dir().toString()), m);
            assertFalse(m.contains("Source:") || m.contains("REDACTED") || m.contains("[line: "), m);
            assertEquals(1, m.lines().count(), m);
        }
    }
}
