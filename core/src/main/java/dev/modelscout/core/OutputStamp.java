package dev.modelscout.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What wrote an output file and when: the first two keys of every JSON the tool writes ({@code modelscout_version},
 * {@code created_at}, an ISO-8601 UTC instant to the second), so a file found later says which build made it.
 *
 * @param modelscoutVersion the version of the build (every module of one build has the same), or
 *                          {@code "(development build)"} when run from compiled classes rather than jars
 * @param createdAt         ISO-8601 UTC, e.g. {@code 2026-12-07T15:04:05Z}
 */
public record OutputStamp(String modelscoutVersion, String createdAt) {

    /** The key of the version. */
    public static final String VERSION_KEY = "modelscout_version";
    /** The key of the time. */
    public static final String CREATED_KEY = "created_at";

    /** This build, now. */
    public static OutputStamp now() {
        String v = OutputStamp.class.getPackage().getImplementationVersion();
        return new OutputStamp(v == null ? "(development build)" : v,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The two entries, in order, to start a JSON object with. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(VERSION_KEY, modelscoutVersion);
        m.put(CREATED_KEY, createdAt);
        return m;
    }
}
