package dev.modelscout.workflow.zoo;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.FeatureStats;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.workflow.OverlapPolicy;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The statistics of backbones' features on a sample of their pre-training data, stored with the catalog
 * ({@code <catalog folder>/<id>.source.npy}, field {@code source_stats}), so that the domain distance of any later
 * target can be computed without the source images. {@code zoo source} runs it for chosen entries, {@code zoo add
 * --source-images} for the entry it adds.
 */
public final class SourceStatistics {

    /** The sample per class when none is given: enough for stable means, quick to extract. */
    public static final int DEFAULT_PER_CLASS = 50;

    private SourceStatistics() {
    }

    /**
     * Extracts the features of the request's backbones on its images (not cached), writes each one's statistics
     * beside the catalog and sets the entries' {@code source_stats}, under the catalog's lock.
     *
     * @param progress extraction progress and warnings
     * @param notes    what the catalog's lock has to say (waiting for another writer)
     * @return one line per backbone for the user
     */
    public static List<String> record(ZooFeatures request, ExtractionOptions options, OverlapPolicy overlap,
            ExtractionListener progress, Consumer<String> notes) {
        ImageDataset all = request.dataset();
        Path folder = request.zoo().toAbsolutePath().normalize().getParent();
        List<Backbone> updated = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        request.forEach(all, options, progress, overlap, (b, f) -> {
            FeatureStats stats = FeatureStats.of(f.features());
            String name = b.id() + ".source.npy";
            stats.write(folder.resolve(name));
            updated.add(b.withSourceStats(name));
            lines.add(String.format(Locale.ROOT, "%s: source statistics of %d images (%d-d features) -> %s", b.id(),
                    f.features().rows(), f.features().cols(), folder.resolve(name)));
        });
        BackboneCatalog.update(request.zoo(), c -> {
            BackboneCatalog next = c;
            for (Backbone u : updated) {
                if (next.contains(u.id())) {
                    next = next.with(next.get(u.id()).withSourceStats(u.sourceStats()), true);
                }
            }
            return next;
        }, notes);
        return lines;
    }
}
