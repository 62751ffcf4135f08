package dev.modelscout.zoo;

import static dev.modelscout.zoo.CatalogField.CROP;
import static dev.modelscout.zoo.CatalogField.FEATURE_DIM;
import static dev.modelscout.zoo.CatalogField.MEAN;
import static dev.modelscout.zoo.CatalogField.RESIZE;
import static dev.modelscout.zoo.CatalogField.STD;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import java.util.Locale;

/**
 * A catalog entry as someone gives it (a row of a catalog file, the options of {@code zoo add}): any field
 * but the id and the weights may be left out (null). {@link BackboneCatalog#entry} turns it into a
 * {@link Backbone}, and the reader does the same with every row, through one method that owns the defaults
 * and applies the catalog's rules: crop {@value #DEFAULT_CROP}; resize, mean, std and channels from
 * {@link Preprocessing#imagenet} at that crop; feature_dim 0 (not yet measured). Text is trimmed (blank is
 * not given), channels are upper-cased and the checksum lower-cased, as the reader does with a file's cells.
 */
public final class BackboneDraft {

    /** The input size of an entry that gives none: the ImageNet recipe's centre crop. */
    public static final int DEFAULT_CROP = 224;

    private final String id;
    private final String weights;
    private String archFamily;
    private String pretrainDataset;
    private Integer resize;
    private Integer crop;
    private double[] mean;
    private double[] std;
    private String channels;
    private Integer featureDim;
    private Double gmacs;
    private Double paramsM;
    private String sha256;
    private String sourceStats;

    private BackboneDraft(String id, String weights) {
        this.id = id;
        this.weights = weights;
    }

    /** A draft with the two fields every entry needs (checked when it is built, like the rest). */
    public static BackboneDraft of(String id, String weights) {
        return new BackboneDraft(id, weights);
    }

    public BackboneDraft archFamily(String value) {
        archFamily = value;
        return this;
    }

    public BackboneDraft pretrainDataset(String value) {
        pretrainDataset = value;
        return this;
    }

    public BackboneDraft resize(Integer value) {
        resize = value;
        return this;
    }

    public BackboneDraft crop(Integer value) {
        crop = value;
        return this;
    }

    /** Per-channel mean, R G B (the array is copied). */
    public BackboneDraft mean(double[] value) {
        mean = value == null ? null : value.clone();
        return this;
    }

    /** Per-channel standard deviation, R G B (the array is copied). */
    public BackboneDraft std(double[] value) {
        std = value == null ? null : value.clone();
        return this;
    }

    public BackboneDraft channels(String value) {
        channels = value;
        return this;
    }

    public BackboneDraft featureDim(Integer value) {
        featureDim = value;
        return this;
    }

    public BackboneDraft gmacs(Double value) {
        gmacs = value;
        return this;
    }

    public BackboneDraft paramsM(Double value) {
        paramsM = value;
        return this;
    }

    public BackboneDraft sha256(String value) {
        sha256 = value;
        return this;
    }

    /** The {@code .npy} file of the backbone's feature statistics on its pre-training data. */
    public BackboneDraft sourceStats(String value) {
        sourceStats = value;
        return this;
    }

    /**
     * The entry with the defaults filled in, checked by {@link CatalogRules}; a {@link ZooException} whose
     * message starts with {@code where} ({@code zoo.csv: line 3}) names the first field at fault.
     */
    Backbone build(String where) {
        String theId = given(id);
        CatalogRules.checkId(theId, where);
        String at = CatalogRules.at(where, theId);
        String theWeights = given(weights);
        CatalogRules.checkWeights(theWeights, at);
        int c = crop == null ? DEFAULT_CROP : CatalogRules.checkSize(crop, CROP, CatalogRules.MAX_CROP, at);
        String ch = given(channels);
        Preprocessing prep;
        try {
            Preprocessing imagenet = Preprocessing.imagenet(c);
            prep = new Preprocessing(resize == null ? imagenet.resize() : CatalogRules.checkSize(resize, RESIZE, CatalogRules.MAX_RESIZE, at), c,
                    mean == null ? imagenet.mean() : triple(mean, MEAN, at),
                    std == null ? imagenet.std() : triple(std, STD, at),
                    ch == null ? imagenet.channels() : ch.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ZooException(at + ", preprocessing: " + CatalogRules.oneLine(e.getMessage()));
        }
        int dim = featureDim == null ? 0 : featureDim;
        if (dim < 0) {
            throw CatalogRules.refused(at, FEATURE_DIM, "must be >= 0 (0 = not yet measured), got " + dim);
        }
        String sha = given(sha256);
        Backbone b = new Backbone(theId, given(archFamily), given(pretrainDataset), prep, dim, gmacs, paramsM,
                theWeights, sha == null ? null : sha.toLowerCase(Locale.ROOT), given(sourceStats));
        CatalogRules.check(b, where);
        return b;
    }

    /** Trimmed text, or null when blank: what the reader makes of a cell. */
    static String given(String text) {
        String t = text == null ? "" : text.trim();
        return t.isBlank() ? null : t;
    }

    private static double[] triple(double[] values, CatalogField field, String at) {
        if (values.length != 3) {
            throw CatalogRules.refused(at, field, "expected 3 numbers (R G B), got " + values.length);
        }
        return values;
    }
}
