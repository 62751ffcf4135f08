package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProseTest {

    private static final String READ = "the recommender read: dataset, dataset_size, num_classes, model, arch_family, "
            + "pretrain_dataset, input_size, gmacs, params_m, score_lfc, score_parc, score_logme";

    @Test
    void aLongSentenceIsWrappedAtSpacesToTheWidthWithIndentedContinuations() {
        String wrapped = Prose.wrap(READ, 60);
        for (String line : wrapped.lines().toList()) {
            assertTrue(line.length() <= 60, line);
        }
        assertTrue(wrapped.lines().count() > 1, wrapped);
        assertTrue(wrapped.lines().skip(1).allMatch(l -> l.startsWith("  ") && !l.startsWith("   ")), wrapped);
        assertEquals(READ, String.join(" ", wrapped.lines().map(String::strip).toList()), "no word lost or split");
    }

    @Test
    void aPipeOrAFileGetsTheLineWholeAndAShortLineIsKept() {
        assertEquals(READ, Prose.wrap(READ, 0));
        assertEquals("note: short", Prose.wrap("note: short", 120));
    }

    @Test
    void aTokenWiderThanTheWidthStaysWhole() {
        String path = "/a/very/long/path/to/a/truth/file/that/does/not/fit/anywhere.csv";
        String wrapped = Prose.wrap("against the truth of " + path, 30);
        assertTrue(wrapped.lines().anyMatch(l -> l.strip().equals(path)), wrapped);
    }
}
