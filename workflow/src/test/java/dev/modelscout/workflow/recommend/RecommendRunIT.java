package dev.modelscout.workflow.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.recommender.TrueAccuracies;
import dev.modelscout.report.RecommendationReport;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.OverlapPolicy;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One recommend run on the embedded world's sample target, the way {@code recommend --report} runs it: the typed run
 * feeds the ranking, the naive picks and the report, and the catalog, the images and the history are each read once.
 */
class RecommendRunIT {

    @TempDir
    Path dir;

    /** The files, each read counted by path. */
    static final class CountingInputs implements RecommendInputs {
        final Map<String, Integer> reads = new TreeMap<>();

        private void count(String what, Path p) {
            reads.merge(what + " " + p.toAbsolutePath().normalize(), 1, Integer::sum);
        }

        @Override
        public BackboneCatalog catalog(Path zoo) {
            count("catalog", zoo);
            return FILES.catalog(zoo);
        }

        @Override
        public ImageDataset images(Path images) {
            count("images", images);
            return FILES.images(images);
        }

        @Override
        public TrainingHistory history(Path history) {
            count("history", history);
            return FILES.history(history);
        }
    }

    @Test
    void theRunReadsTheCatalogTheImagesAndTheHistoryOnceAndFeedsTheReport() {
        EmbeddedWorld world = EmbeddedWorld.locate();
        Assumptions.assumeTrue(Files.isRegularFile(world.history()), "needs " + world.history());
        Recommenders.SavedRecommender saved = Recommenders.loadSaved(world.recommender());
        Recommender recommender = saved.recommender();
        ChosenRecommender chosen = new ChosenRecommender(recommender, "the embedded world's", world.history().toString(),
                null, world.history(), 0.1, saved.calibration());
        List<String> models = List.of("resnet-s-mnist", "vgg-s-mnist");
        ZooFeatures features = new ZooFeatures(world.zoo(), world.sampleImages(), models, 5, 0, dir.resolve("cache"));
        List<String> scores = RecommendationPipeline.scoresNeeded(recommender, List.of("logme"));
        int classes;
        try (var folders = Files.list(world.sampleImages())) {
            classes = (int) folders.filter(Files::isDirectory).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RecommendRequest request = new RecommendRequest(features, world.sampleImages().getFileName().toString(), scores,
                chosen,
                ExtractionOptions.defaults().withDevice(Device.CPU).withComputeThreads(1), true);
        CountingInputs inputs = new CountingInputs();

        RecommendRun run = RecommendationPipeline.run(request, inputs, OverlapPolicy.ofThisMachine(dev.modelscout.workflow.Overlap.AUTO),
                ExtractionListener.silent());

        assertEquals(Map.of("catalog " + world.zoo(), 1, "images " + world.sampleImages(), 1,
                "history " + world.history(), 1), inputs.reads, "each input read once");
        assertEquals(models.size(), run.candidates().size());
        assertEquals(List.of(1, 2), run.predictions().stream().map(p -> p.rank()).toList());
        RecommendRun.Images im = run.images();
        assertEquals(classes, im.classes());
        assertEquals(5 * classes, im.used(), "5 per class");
        assertEquals(5 * classes, im.readable());
        for (RecommendRun.Candidate c : run.candidates()) {
            assertEquals(5.0 * classes, c.prediction().row().number("dataset_size"), "dataset_size is the images used");
            assertEquals(scores, List.copyOf(c.scores().keySet()), "every score, in column order");
            assertTrue(models.contains(c.backbone().id()));
        }
        assertTrue(run.historyMeans().isPresent(), "the naive pick's means, from the history read once");

        Map<String, Double> truth = TrueAccuracies.read(world.sampleTruth()).of(world.sampleImages().getFileName().toString());
        RecommendationReport report = RecommendReportData.of(run, 5, world.sampleTruth().toString(), truth);
        assertEquals(models.size(), report.candidates().size());
        assertEquals(world.history().toString(), report.run().recommender().historySource());
        assertEquals(5 * classes, report.run().images().used());
        assertEquals(RecommendReportData.quality(run, truth).regret(), report.truth().regret(), 0.0,
                "the terminal's summary and the report's are one computation");
        assertEquals(3, inputs.reads.size(), "the report read nothing");
    }
}
