package dev.modelscout.report;

import dev.modelscout.report.RecommendationReport.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * The recommendation page's provenance section: the images, the zoo, the recommender and its history with
 * their checksums, the device, the timings, and what the run reported. Long lists (the recommender's settings, more
 * than {@link #FOLD_NOTES_ABOVE} notes of the run) are folded under one line that opens on a click and in print.
 */
final class ProvenanceSection {

    /** Above this many notes of the run, they are folded. */
    static final int FOLD_NOTES_ABOVE = 5;

    private ProvenanceSection() {
    }

    static void write(Page p, RecommendationReport r) {
        Run run = r.run();
        p.section("provenance", "Provenance");
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"dataset id", r.dataset()});
        RecommendationReport.Images im = run.images();
        f.add(new String[] {"images", im.source()});
        f.add(new String[] {"counts", im.images() + " images in " + im.classes() + " classes; features of " + im.used()
                + " images" + (im.perClass() > 0 ? " (at most " + im.perClass() + " per class)"
                : im.used() < im.images() ? " (every readable one)" : " (all)")});
        f.add(new String[] {"skipped", im.skipped().isEmpty() ? "none" : String.join("\n", im.skipped())});
        f.add(new String[] {"zoo", run.zoo().file() + " (" + run.zoo().backbones() + " backbones ranked)"});
        f.add(new String[] {"zoo SHA-256", run.zoo().sha256()});
        RecommendationReport.RecommenderInfo rec = run.recommender();
        f.add(new String[] {"recommender", rec.kind() + ", " + rec.origin() + (rec.seed() != 0 ? ", seed " + rec.seed() : "")});
        if (!rec.settings().isEmpty()) {
            List<String> s = new ArrayList<>();
            rec.settings().forEach((a, b) -> s.add(a + " = " + b));
            int n = s.size();
            f.add(new String[] {"settings", n + " setting" + (n == 1 ? "" : "s") + " of the " + rec.kind()
                    + " (show)", String.join("\n", s)});
        }
        f.add(new String[] {"features", String.join(", ", rec.features())});
        f.add(new String[] {"training history", rec.historySource() + " (" + rec.historyRows() + " jobs)"});
        f.add(new String[] {"history SHA-256", rec.historySha256()});
        f.add(new String[] {"device", run.device()});
        List<String> times = new ArrayList<>();
        for (RecommendationReport.Timing t : run.timings()) {
            times.add(t.step() + ": " + Html.seconds(t.seconds()));
        }
        f.add(new String[] {"timings", String.join("\n", times)});
        f.add(new String[] {"written", run.createdAt() + " by modelscout " + run.version()});
        p.facts(f);
        if (!run.notes().isEmpty()) {
            // a few notes show; more (a cache hit per backbone) are folded under one line
            boolean fold = run.notes().size() > FOLD_NOTES_ABOVE;
            p.raw("<h3>What the run reported</h3>\n" + (fold ? "<details class=\"fold\" id=\"run-notes\"><summary>"
                    + run.notes().size() + " notes (show)</summary>\n" : "") + "<ul class=\"note\">\n");
            for (String n : run.notes()) {
                p.raw("<li>" + Html.esc(n) + "</li>\n");
            }
            p.raw("</ul>\n" + (fold ? "</details>\n" : ""));
        }
        p.endSection();
    }
}
