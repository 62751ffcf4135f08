package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a features job prints in a log (stderr not a terminal): at most one line per extracted backbone, a folder's
 * unreadable images and every other message once per run, cache hits and per-backbone detail only with -v; no
 * carriage return ever.
 */
class ProgressReporterTest {

    private static final List<String> BROKEN = List.of("/d/a/x.png: not a JPEG, PNG, BMP, TIFF or GIF image",
            "/d/b/y.png: not a JPEG, PNG, BMP, TIFF or GIF image");

    /** A job of 4 backbones on 100 images: the first read from the cache, the others extracted in 4 batches. */
    private static List<String> job(boolean verbose) {
        StringWriter sw = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(sw, true), false, verbose);
        p.note("/d: skipped 1 file that is not an image (a/notes.txt)");
        p.planned(4, 100);
        p.cached("m0", Path.of("/cache/m0"));
        p.skipped("m0", BROKEN);
        for (String m : List.of("m1", "m2", "m3")) {
            p.started(m, 100);
            for (int i = 0; i < 4; i++) {
                p.advanced(25);
            }
            p.finished(m);
            p.skipped(m, BROKEN);
            p.warn("warning: /d/a/z.jpg: CMYK converted with a naive formula");
        }
        String text = sw.toString();
        assertFalse(text.contains("\r"), "no carriage return in a log");
        return text.lines().toList();
    }

    @Test
    void aLogGetsOneLinePerExtractedBackboneAndEachMessageOnce() {
        List<String> lines = job(false);
        assertEquals(List.of(
                "note: /d: skipped 1 file that is not an image (a/notes.txt)",
                "warning: skipped 2 unreadable image(s): " + String.join("; ", BROKEN),
                "warning: /d/a/z.jpg: CMYK converted with a naive formula"),
                lines.stream().filter(l -> !l.startsWith("backbone ")).toList());
        List<String> progress = lines.stream().filter(l -> l.startsWith("backbone ")).toList();
        assertEquals(3, progress.size(), lines.toString());
        assertTrue(progress.get(0).startsWith("backbone 2/4 m1: features of 100 images in "), progress.get(0));
        assertTrue(progress.get(2).startsWith("backbone 4/4 m3: features of 100 images in "), progress.get(2));
    }

    @Test
    void verboseAddsCacheHitsAndEachBackbonesStartAndTenths() {
        List<String> lines = job(true);
        assertTrue(lines.contains("model m0: features cached in /cache/m0 are up to date; not extracting again"),
                lines.toString());
        assertTrue(lines.contains("backbone 2/4 m1: extracting features of 100 images"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("backbone 3/4 m2: 50/100 images (50%")), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.contains("unreadable")).count(), lines.toString());
    }

    @Test
    void aBackboneOutsideAPlannedJobIsNamedByItsId() {
        StringWriter sw = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(sw, true), false, false);
        p.started("probe", 10);
        p.advanced(10);
        p.finished("probe");
        assertTrue(sw.toString().startsWith("probe: features of 10 images in "), sw.toString());
    }

    @Test
    void onlyFilesNotSaidBeforeAreSaid() {
        StringWriter sw = new StringWriter();
        ProgressReporter p = new ProgressReporter(new PrintWriter(sw, true), false, false);
        p.skipped("m0", BROKEN.subList(0, 1));
        p.skipped("m1", BROKEN);
        assertEquals(List.of("warning: skipped 1 unreadable image(s): " + BROKEN.get(0),
                "warning: skipped 1 unreadable image(s): " + BROKEN.get(1)), sw.toString().lines().toList());
    }

    @Test
    void withoutVerboseAWarningNamesTheFirstThreeUnreadableImages() {
        List<String> five = List.of("a: r", "b: r", "c: r", "d: r", "e: r");
        assertEquals("warning: skipped 5 unreadable image(s): a: r; b: r; c: r; and 2 more (-v names them)",
                ProgressReporter.skippedLine(five, false));
        assertEquals("warning: skipped 5 unreadable image(s): a: r; b: r; c: r; d: r; e: r",
                ProgressReporter.skippedLine(five, true));
    }
}
