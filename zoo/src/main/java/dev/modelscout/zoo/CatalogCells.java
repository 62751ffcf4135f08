package dev.modelscout.zoo;

import static dev.modelscout.zoo.CatalogField.ARCH_FAMILY;
import static dev.modelscout.zoo.CatalogField.CHANNELS;
import static dev.modelscout.zoo.CatalogField.CROP;
import static dev.modelscout.zoo.CatalogField.FEATURE_DIM;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One entry of a catalog file as text, the same for both formats: the cells by field (a missing field is
 * absent or blank) and, for JSON arrays, their items. Turns them into a {@link Backbone} through
 * {@link BackboneDraft}, so a file's rows get the same defaults and rules as {@code zoo add}.
 */
final class CatalogCells {

    private CatalogCells() {
    }

    /**
     * The entry these cells describe; {@code lists} holds the items of the cells that were JSON arrays,
     * other number lists are split on spaces or semicolons. Messages start with {@code where}.
     */
    static Backbone toBackbone(Map<CatalogField, String> cells, Map<CatalogField, List<String>> lists, String where) {
        String id = BackboneDraft.given(cells.get(ID));
        CatalogRules.checkId(id, where);
        String at = CatalogRules.at(where, id);
        return BackboneDraft.of(id, cells.get(WEIGHTS))
                .archFamily(cells.get(ARCH_FAMILY))
                .pretrainDataset(cells.get(PRETRAIN_DATASET))
                .crop(integer(cells, CROP, at))
                .resize(integer(cells, RESIZE, at))
                .mean(numbers(cells, lists, MEAN, at))
                .std(numbers(cells, lists, STD, at))
                .channels(cells.get(CHANNELS))
                .featureDim(integer(cells, FEATURE_DIM, at))
                .gmacs(decimal(cells, GMACS, at))
                .paramsM(decimal(cells, PARAMS_M, at))
                .sha256(cells.get(SHA256))
                .sourceStats(cells.get(SOURCE_STATS))
                .build(where);
    }

    private static Integer integer(Map<CatalogField, String> cells, CatalogField field, String at) {
        String s = BackboneDraft.given(cells.get(field));
        return s == null ? null : parsed(s, Integer::valueOf, "an integer", field, at);
    }

    private static Double decimal(Map<CatalogField, String> cells, CatalogField field, String at) {
        String s = BackboneDraft.given(cells.get(field));
        return s == null ? null : parsed(s, Double::valueOf, "a number", field, at);
    }

    private static double[] numbers(Map<CatalogField, String> cells, Map<CatalogField, List<String>> lists,
                                    CatalogField field, String at) {
        if (BackboneDraft.given(cells.get(field)) == null) {
            return null;
        }
        List<String> parts = lists.containsKey(field) ? lists.get(field) : split(cells.get(field));
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parsed(parts.get(i), Double::valueOf, "a number", field, at);
        }
        return out;
    }

    private static <T> T parsed(String text, Function<String, T> parse, String what, CatalogField field, String at) {
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            throw CatalogRules.refused(at, field, "'" + CatalogRules.shown(text) + "' is not " + what);
        }
    }

    /** {@code 0.485 0.456 0.406}, {@code 0.485;0.456;0.406} or {@code [0.485 0.456 0.406]}. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.replace('[', ' ').replace(']', ' ').split("[;\\s]+")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return parts;
    }
}
