package dev.modelscout.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VegaRuntimeTest {

    @Test
    void inlinedBundlesAreThePinnedPublishedFilesWithTheirLicences() {
        List<VegaRuntime.Library> libs = VegaRuntime.libraries();
        assertEquals(List.of("vega", "vega-lite", "vega-embed"), libs.stream().map(VegaRuntime.Library::name).toList(),
                "in load order: vega-lite needs vega, vega-embed needs both");
        long bytes = 0;
        for (VegaRuntime.Library l : libs) {
            // libraries() already checked each file against the SHA-256 in VERSIONS (written by fetch-vega.sh)
            assertEquals(64, l.sha256().length());
            assertTrue(l.license().contains("University of Washington Interactive Data Lab"), l.name());
            assertTrue(l.license().contains("Redistribution and use in source and binary forms"), l.name());
            assertTrue(l.script().startsWith("/*! " + l.name() + " " + l.version()), "licence comment first");
            assertTrue(l.script().endsWith(l.code()), "the published code unchanged");
            bytes += l.code().length();
        }
        assertTrue(bytes < 2_000_000, "the runtime stays under 2 MB: " + bytes);
        assertTrue(VegaRuntime.versions().matches("vega \\d+\\.\\d+\\.\\d+, vega-lite \\d+\\.\\d+\\.\\d+, vega-embed \\d+\\.\\d+\\.\\d+"),
                VegaRuntime.versions());
    }
}
