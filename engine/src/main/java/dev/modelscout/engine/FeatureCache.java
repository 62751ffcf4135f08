package dev.modelscout.engine;

import dev.modelscout.core.IoErrors;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.FileLocks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Labels;
import dev.modelscout.core.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Features on disk, one folder per model: {@code MODEL/features.npy} (N x D float32),
 * {@code MODEL/labels.npy} (N int64) and {@code MODEL/features.json}, the sidecar that says what they
 * were computed from (model id, weights checksum, dataset fingerprint, preprocessing, class names,
 * skipped images). A lookup hits only when every one of those matches, so a changed image, model or
 * recipe is extracted again. The sidecar is written last and removed first, so a crash mid-write never
 * leaves a cache that looks valid.
 */
public final class FeatureCache {

    static final int FORMAT = 1;
    public static final String FEATURES = "features.npy";
    public static final String LABELS = "labels.npy";
    public static final String SIDECAR = "features.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What features depend on. */
    public record Key(String modelId, String weightsChecksum, String datasetFingerprint, String preprocessing) {
    }

    private final Path root;

    public FeatureCache(Path root) {
        this.root = root;
    }

    public Path dir(String modelId) {
        return root.resolve(dev.modelscout.core.FileNames.folderFor(modelId));
    }

    /**
     * The cached features for this key, or empty when absent, stale or unreadable. Read under the entry's
     * lock, so a concurrent {@link #store} is never seen half-written.
     */
    public Optional<ExtractedFeatures> lookup(Key key) {
        Path dir = dir(key.modelId());
        if (!Files.isRegularFile(dir.resolve(SIDECAR))) {
            return Optional.empty();
        }
        return FileLocks.withLock(dir.resolve(SIDECAR), FileLocks.timeout(), m -> { }, () -> read(key, dir));
    }

    private Optional<ExtractedFeatures> read(Key key, Path dir) {
        Path sidecar = dir.resolve(SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            return Optional.empty();
        }
        try {
            JsonNode j = JSON.readTree(sidecar.toFile());
            if (j.path("format").asInt() != FORMAT
                    || !key.modelId().equals(j.path("model_id").asText())
                    || !key.weightsChecksum().equals(j.path("weights_checksum").asText())
                    || !key.datasetFingerprint().equals(j.path("dataset_fingerprint").asText())
                    || !key.preprocessing().equals(j.path("preprocessing").asText())) {
                return Optional.empty();
            }
            List<String> classes = new ArrayList<>();
            j.path("class_names").forEach(n -> classes.add(n.asText()));
            List<String> skipped = new ArrayList<>();
            j.path("skipped").forEach(n -> skipped.add(n.asText()));
            FeatureMatrix m = Npy.read(dir.resolve(FEATURES)).toMatrix(dir.resolve(FEATURES));
            int[] ids = Npy.read(dir.resolve(LABELS)).toIntVector(dir.resolve(LABELS));
            if (m.rows() != j.path("images").asInt() || m.cols() != j.path("feature_dim").asInt() || ids.length != m.rows()) {
                return Optional.empty();
            }
            return Optional.of(new ExtractedFeatures(key.modelId(), m, new Labels(ids, classes), skipped, true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the features and then the sidecar, each atomically, under the entry's lock (several processes
     * may extract into one shared cache; the last one to finish wins, and every reader sees one whole entry).
     */
    public void store(Key key, ExtractedFeatures f) {
        Path dir = dir(key.modelId());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ExtractionException(dir + ": cannot write feature cache: " + IoErrors.reason(e), e);
        }
        FileLocks.withLock(dir.resolve(SIDECAR), FileLocks.timeout(), m -> { }, () -> {
            write(key, f, dir);
            return null;
        });
    }

    private void write(Key key, ExtractedFeatures f, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(SIDECAR));
            Npy.write(dir.resolve(FEATURES), f.features(), true);
            Npy.write(dir.resolve(LABELS), f.labels().ids());
            ObjectNode j = JSON.createObjectNode();
            j.put("format", FORMAT);
            j.put("model_id", key.modelId());
            j.put("weights_checksum", key.weightsChecksum());
            j.put("dataset_fingerprint", key.datasetFingerprint());
            j.put("preprocessing", key.preprocessing());
            j.put("images", f.features().rows());
            j.put("feature_dim", f.features().cols());
            ArrayNode classes = j.putArray("class_names");
            f.labels().classNames().forEach(classes::add);
            ArrayNode skipped = j.putArray("skipped");
            f.skipped().forEach(skipped::add);
            AtomicFiles.write(dir.resolve(SIDECAR), JSON.writeValueAsString(j) + "\n");
        } catch (IOException e) {
            throw new ExtractionException(dir + ": cannot write feature cache: " + IoErrors.reason(e), e);
        }
    }
}
