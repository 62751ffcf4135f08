package dev.modelscout.zoo;

import static dev.modelscout.zoo.CatalogField.ARCH_FAMILY;
import static dev.modelscout.zoo.CatalogField.CROP;
import static dev.modelscout.zoo.CatalogField.GMACS;
import static dev.modelscout.zoo.CatalogField.ID;
import static dev.modelscout.zoo.CatalogField.MEAN;
import static dev.modelscout.zoo.CatalogField.PARAMS_M;
import static dev.modelscout.zoo.CatalogField.PRETRAIN_DATASET;
import static dev.modelscout.zoo.CatalogField.RESIZE;
import static dev.modelscout.zoo.CatalogField.SHA256;
import static dev.modelscout.zoo.CatalogField.SOURCE_STATS;
import static dev.modelscout.zoo.CatalogField.STD;
import static dev.modelscout.zoo.CatalogField.WEIGHTS;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.WeightsKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The rules every catalog entry obeys, applied by the reader to each row and by {@link BackboneCatalog#with}
 * to each entry it adds: so whatever the writer writes, the reader reads back equal, and whatever the reader
 * refuses, the writer refuses too. (The {@link Backbone} and {@code Preprocessing} records check their own
 * invariants: crop and resize, three std values &gt; 0, RGB or BGR, feature_dim &gt;= 0.)
 *
 * <p>Messages start with {@code where} ({@code zoo.csv: line 3}, {@code zoo.csv: new entry}), then the id
 * and the field; values are shown on one line, with control characters escaped.
 */
final class CatalogRules {

    /** Ids name a cache folder: a portable file name, never hidden, never a path. */
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._+-]*";
    static final int ID_MAX_LENGTH = 128;
    private static final int SHOWN_MAX_LENGTH = 120;
    /**
     * The largest centre crop (the model's input side, pixels). 2048 is several times the largest input of a
     * published classification backbone (EfficientNet-B7: 600, ViT-H/14 at 518); one 2048 x 2048 RGB input is
     * 48 MiB of floats before the network's activations.
     */
    static final int MAX_CROP = 2048;
    /** The largest resize (shorter side before the crop, pixels): twice {@link #MAX_CROP}. */
    static final int MAX_RESIZE = 4096;

    private CatalogRules() {
    }

    /** Checks every field of {@code b}, or throws a {@link ZooException} naming the first bad one. */
    static void check(Backbone b, String where) {
        checkId(b.id(), where);
        String at = at(where, b.id());
        checkText(b.archFamily(), ARCH_FAMILY, at);
        checkText(b.pretrainDataset(), PRETRAIN_DATASET, at);
        checkWeights(b.weights(), at);
        checkSha256(b.sha256(), b.weights(), at);
        checkSize(b.preprocessing().crop(), CROP, MAX_CROP, at);
        checkSize(b.preprocessing().resize(), RESIZE, MAX_RESIZE, at);
        checkFinite(b.preprocessing().mean(), MEAN, at);
        checkFinite(b.preprocessing().std(), STD, at);
        checkNonNegative(b.gmacs(), GMACS, at);
        checkNonNegative(b.paramsM(), PARAMS_M, at);
        checkSourceStats(b.sourceStats(), at);
    }

    /** A crop or resize: a whole number of pixels in [1, max]. */
    static int checkSize(int value, CatalogField field, int max, String at) {
        if (value <= 0) {
            throw refused(at, field, "must be > 0, got " + value);
        }
        if (value > max) {
            throw refused(at, field, value + " pixels is above the limit of " + max
                    + " (a larger input does not fit a forward pass)");
        }
        return value;
    }

    /** A path of a {@code .npy} file (null = none); its content is checked when it is read. */
    static void checkSourceStats(String path, String at) {
        checkText(path, SOURCE_STATS, at);
        if (path == null) {
            return;
        }
        try {
            Path.of(path);
        } catch (InvalidPathException e) {
            throw refused(at, SOURCE_STATS, "'" + shown(path) + "' is not a valid path: " + shown(e.getReason()));
        }
        if (!path.endsWith(".npy")) {
            throw refused(at, SOURCE_STATS, "'" + shown(path) + "' is not a .npy file");
        }
    }

    /** Where a message about a valid id's other fields starts: {@code zoo.csv: line 3 (resnet18)}. */
    static String at(String where, String id) {
        return where + " (" + id + ")";
    }

    static void checkId(String id, String where) {
        if (id == null || id.isBlank()) {
            throw refused(where, ID, "missing backbone id");
        }
        if (!id.matches(ID_PATTERN)) {
            throw refused(where, ID, "'" + shown(id) + "' is not a valid id (letters, digits, '.', '_', '+', '-', "
                    + "starting with a letter or digit; it names a cache folder)");
        }
        if (id.length() > ID_MAX_LENGTH) {
            throw refused(where, ID, "'" + shown(id) + "' is longer than " + ID_MAX_LENGTH + " characters");
        }
    }

    /** Free text (null = not given): one line, not blank, no white space at either end. */
    static void checkText(String value, CatalogField field, String at) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            throw refused(at, field, "blank (leave the field out instead)");
        }
        if (value.codePoints().anyMatch(dev.modelscout.core.Shown::unsafe)) {
            throw refused(at, field, "'" + shown(value) + "' contains a control character, line break or bidi control");
        }
        if (!value.strip().equals(value)) {
            throw refused(at, field, "'" + shown(value) + "' starts or ends with white space");
        }
    }

    static void checkWeights(String weights, String at) {
        if (weights == null || weights.isBlank()) {
            throw refused(at, WEIGHTS, "missing (a TorchScript file, djl://... or builtin:NAME)");
        }
        checkText(weights, WEIGHTS, at);
        switch (WeightsKind.of(weights)) {
            case BUILTIN -> {
                if (weights.length() == WeightsKind.BUILTIN_PREFIX.length()) {
                    throw refused(at, WEIGHTS, "'builtin:' needs an architecture name, e.g. builtin:resnet18");
                }
                if (weights.codePoints().anyMatch(Character::isWhitespace)) {
                    throw refused(at, WEIGHTS, "'" + shown(weights) + "' contains white space");
                }
            }
            case DJL_URL -> {
                if (weights.length() == WeightsKind.DJL_PREFIX.length()) {
                    throw refused(at, WEIGHTS, "'djl://' needs a location, e.g. djl://ai.djl.pytorch/resnet");
                }
                try {
                    new URI(weights);
                } catch (URISyntaxException e) {
                    throw refused(at, WEIGHTS, "'" + shown(weights) + "' is not a valid URL: " + shown(e.getReason()));
                }
            }
            case FILE -> {
                try {
                    Path.of(weights);
                } catch (InvalidPathException e) {
                    throw refused(at, WEIGHTS, "'" + shown(weights) + "' is not a valid path: " + shown(e.getReason()));
                }
            }
        }
    }

    static void checkSha256(String sha256, String weights, String at) {
        if (sha256 == null) {
            return;
        }
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
            throw refused(at, SHA256, "'" + shown(sha256) + "' is not 64 hex digits");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw refused(at, SHA256, "'" + sha256 + "' is not in lower case");
        }
        if (WeightsKind.of(weights) != WeightsKind.FILE) {
            throw refused(at, SHA256, "a checksum applies to weights files only, not to " + shown(weights));
        }
    }

    static void checkFinite(double[] values, CatalogField field, String at) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw refused(at, field, "must be finite numbers, got " + Arrays.toString(values));
            }
        }
    }

    static void checkNonNegative(Double value, CatalogField field, String at) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            throw refused(at, field, "must be a finite number >= 0, got " + value);
        }
    }

    static ZooException refused(String at, CatalogField field, String problem) {
        return new ZooException(at + ", field '" + field.key + "': " + problem);
    }

    /** A value as messages show it: on one line, cut after 120 characters. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        boolean longer = value.codePointCount(0, value.length()) > SHOWN_MAX_LENGTH;
        String cut = longer ? value.substring(0, value.offsetByCodePoints(0, SHOWN_MAX_LENGTH)) : value;
        return oneLine(cut) + (longer ? "..." : "");
    }

    /** The text on one line, escaped by the one policy for names in messages ({@link dev.modelscout.core.Shown}). */
    static String oneLine(String text) {
        return dev.modelscout.core.Shown.escape(text);
    }
}
