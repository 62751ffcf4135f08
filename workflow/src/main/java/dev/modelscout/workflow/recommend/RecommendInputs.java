package dev.modelscout.workflow.recommend;

import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Path;

/**
 * How a recommend run reads its inputs: the zoo catalog, the target images and (for the naive picks) the history
 * the recommender was trained on. A run reads each once and hands the value on; {@link #FILES} reads the files, and
 * a test wraps it to count the reads.
 */
public interface RecommendInputs {

    BackboneCatalog catalog(Path zoo);

    ImageDataset images(Path images);

    /** A training history, duplicates averaged (as the per-model means of the naive pick read it). */
    TrainingHistory history(Path history);

    /** The files, as they are. */
    RecommendInputs FILES = new RecommendInputs() {
        @Override
        public BackboneCatalog catalog(Path zoo) {
            return BackboneCatalog.load(zoo);
        }

        @Override
        public ImageDataset images(Path images) {
            return ImageDataset.open(images);
        }

        @Override
        public TrainingHistory history(Path history) {
            return HistoryReader.read(history, ReadOptions.defaults().withOnDuplicate(OnDuplicate.MEAN));
        }
    };
}
