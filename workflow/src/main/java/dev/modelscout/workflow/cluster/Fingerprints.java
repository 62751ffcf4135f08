package dev.modelscout.workflow.cluster;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.zoo.BackboneCatalog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan's results depend on, as fingerprints: a dataset's is {@link ImageDataset#fingerprint()} (every
 * image's path relative to the dataset, class, size and modification time); a model's is the SHA-256 of its
 * catalog entry without the weights' location and of the weights' identity (the file's SHA-256, a builtin's
 * name and DJL version, a URL), so moving a zoo keeps it and changing an entry or its weights does not; the
 * zoo's is the SHA-256 over the planned models' fingerprints. Each is computed once per instance.
 */
public final class Fingerprints {

    private final Map<Path, ImageDataset> datasets = new HashMap<>();
    private final Map<Path, String> datasetPrints = new HashMap<>();
    private final Map<Path, BackboneCatalog> catalogs = new HashMap<>();
    private final Map<String, String> modelPrints = new HashMap<>();

    /** The dataset at {@code path}, opened once. */
    public ImageDataset dataset(Path path) {
        return datasets.computeIfAbsent(path.toAbsolutePath().normalize(), ImageDataset::open);
    }

    public String datasetFingerprint(Path path) {
        return datasetPrints.computeIfAbsent(path.toAbsolutePath().normalize(), p -> dataset(p).fingerprint());
    }

    /** The catalog at {@code zoo}, loaded once. */
    public BackboneCatalog catalog(Path zoo) {
        return catalogs.computeIfAbsent(zoo.toAbsolutePath().normalize(), BackboneCatalog::load);
    }

    /** The fingerprint of backbone {@code id} of the catalog {@code zoo}; fails when the catalog lacks it. */
    public String modelFingerprint(Path zoo, String id) {
        String key = zoo.toAbsolutePath().normalize() + "\u0000" + id;
        String known = modelPrints.get(key);
        if (known != null) {
            return known;
        }
        BackboneCatalog catalog = catalog(zoo);
        Backbone b = catalog.get(id);
        String print = sha256(canonical(b) + "\u0000" + FeatureExtraction.weightsIdentity(catalog.resolved(b)));
        modelPrints.put(key, print);
        return print;
    }

    /**
     * The catalog entry as a model fingerprint hashes it, written out field by field: what the features depend on
     * (id, architecture, pre-training data, preprocessing, feature size, GMACs, parameters, the weights' SHA-256),
     * not where the weights lie nor the source statistics. The text is the one plans have always hashed (it was
     * once {@code Backbone}'s generated {@code toString()}), so the fingerprints of plans on disk stay valid; a field
     * added to {@code Backbone} changes nothing here unless it is added here.
     */
    static String canonical(Backbone b) {
        Preprocessing p = b.preprocessing();
        String preprocessing = "resize " + p.resize() + ", crop " + p.crop() + ", mean " + Arrays.toString(p.mean())
                + ", std " + Arrays.toString(p.std()) + ", " + p.channels();
        return "Backbone[id=" + b.id() + ", archFamily=" + b.archFamily() + ", pretrainDataset=" + b.pretrainDataset()
                + ", preprocessing=" + preprocessing + ", featureDim=" + b.featureDim() + ", gmacs=" + b.gmacs()
                + ", paramsM=" + b.paramsM() + ", weights=-, sha256=" + b.sha256() + ", sourceStats=null]";
    }

    /** The zoo fingerprint of models with these fingerprints, in order. */
    public static String zooFingerprint(List<String> modelFingerprints) {
        return sha256(String.join("\n", modelFingerprints));
    }

    static String sha256(String text) {
        return dev.modelscout.core.Sha256.hex(text);
    }
}
