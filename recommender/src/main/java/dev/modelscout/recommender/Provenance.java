package dev.modelscout.recommender;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a trained recommender came from.
 *
 * @param trainer        trainer name (linear-regression, factorization-machine, popularity)
 * @param settings       the trainer's config, as name -> value ({@link #settingsOf}), then what training chose; in
 *                       JSON with snake_case names and typed values ({@link SettingsJson})
 * @param seed           random seed (0 when the trainer uses none)
 * @param historySource  the history file it was trained on
 * @param historySha256  SHA-256 of that file's bytes
 * @param rows           number of jobs used for training
 * @param features       selected feature labels
 */
public record Provenance(String trainer,
                         @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = SettingsJson.Writer.class)
                         @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = SettingsJson.Reader.class)
                         Map<String, String> settings, long seed, String historySource,
                         String historySha256, int rows, List<String> features) {

    /**
     * Every component of a trainer's config record as name -> text, in declaration order (a nested config
     * record's components as {@code name.component}): settings derived from the config, so they cannot drift
     * from it.
     */
    public static Map<String, String> settingsOf(Record config) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "", config);
        return out;
    }

    private static void put(Map<String, String> out, String prefix, Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
            }
            if (v instanceof Record nested) {
                put(out, prefix + c.getName() + ".", nested);
            } else {
                out.put(prefix + c.getName(), String.valueOf(v));
            }
        }
    }
}
