package dev.modelscout.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Vega runtime a report inlines: the minified bundles of vega, vega-lite and vega-embed exactly as published
 * on npm, with their licences, read from this module's class path ({@code vega/}, fetched by
 * {@code src/build/fetch-vega.sh}). Each bundle is checked against the SHA-256 recorded in {@code vega/VERSIONS}
 * when it is read, so a report never inlines an edited or truncated file.
 */
final class VegaRuntime {

    /** One inlined library. */
    record Library(String name, String version, String sha256, String license, String code) {

        /** The library as one inline script: its licence in a comment, then the published code unchanged. */
        String script() {
            return "/*! " + name + " " + version + " (npm), BSD-3-Clause; sha256 " + sha256 + "\n"
                    + license.replace("*/", "* /").strip() + "\n*/\n" + code;
        }
    }

    private static final String DIR = "vega/";

    private static volatile List<Library> libraries;

    private VegaRuntime() {
    }

    /** vega, vega-lite, vega-embed, in the order they must load (each later one needs the earlier globals). */
    static List<Library> libraries() {
        List<Library> l = libraries;
        if (l == null) {
            l = load();
            libraries = l;
        }
        return l;
    }

    /** "vega 6.4.0, vega-lite 6.5.0, vega-embed 7.3.0". */
    static String versions() {
        List<String> out = new ArrayList<>();
        for (Library l : libraries()) {
            out.add(l.name() + " " + l.version());
        }
        return String.join(", ", out);
    }

    private static List<Library> load() {
        List<Library> out = new ArrayList<>();
        for (String line : read("VERSIONS").split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 3) {
                throw new ReportException("the Vega runtime of this build is damaged: bad line in " + DIR + "VERSIONS: " + line);
            }
            byte[] bytes = readBytes(f[0] + ".min.js");
            String sha = sha256(bytes);
            String code = new String(bytes, StandardCharsets.UTF_8);
            if (!sha.equals(f[2].toLowerCase(Locale.ROOT))) {
                throw new ReportException("the Vega runtime of this build is damaged: " + DIR + f[0] + ".min.js has SHA-256 "
                        + sha + ", VERSIONS says " + f[2] + " (rerun src/build/fetch-vega.sh)");
            }
            String lower = code.toLowerCase(Locale.ROOT);
            if (lower.contains("</script") || lower.contains("<!--")) {
                throw new ReportException(DIR + f[0] + ".min.js contains '</script' or '<!--' and cannot be inlined as it is");
            }
            out.add(new Library(f[0], f[1], sha, read(f[0] + ".LICENSE"), code));
        }
        if (out.isEmpty()) {
            throw new ReportException("the Vega runtime of this build is damaged: " + DIR + "VERSIONS names no library");
        }
        return List.copyOf(out);
    }

    private static String read(String name) {
        return new String(readBytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(String name) {
        try (InputStream in = VegaRuntime.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new ReportException("the Vega runtime is missing from this build (" + DIR + name
                        + "); rebuild, or rerun src/build/fetch-vega.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ReportException("cannot read " + DIR + name + " of the Vega runtime: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        return dev.modelscout.core.Sha256.hex(bytes);
    }
}
