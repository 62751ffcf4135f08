package dev.modelscout.report;

import java.util.Map;

/** How the report names scores and metrics for people. */
final class Names {

    private static final Map<String, String> SCORES = Map.ofEntries(
            Map.entry("logme", "LogME"), Map.entry("parc", "PARC"), Map.entry("lfc", "LFC"), Map.entry("leep", "LEEP"),
            Map.entry("nleep", "N-LEEP"), Map.entry("nce", "NCE"), Map.entry("hscore", "H-score"),
            Map.entry("reg_hscore", "regularised H-score"), Map.entry("transrate", "TransRate"), Map.entry("gbc", "GBC"),
            Map.entry("otce", "OTCE"), Map.entry("pactran", "PACTran"));

    private Names() {
    }

    /** Short names for a table header, where the full one is long. */
    private static final Map<String, String> SHORT = Map.of("reg_hscore", "reg. H-score");

    /** A score's name for a narrow table header: {@link #score} shortened where it is long. */
    static String scoreShort(String name) {
        return SHORT.getOrDefault(name, score(name));
    }

    /** "LogME" for logme; an unknown score keeps its name. */
    static String score(String name) {
        return SCORES.getOrDefault(name, name);
    }
}
