package dev.modelscout.workflow;

/**
 * What this build is, for people and for the files a run writes (report pages, plans): the version from the
 * workflow jar's manifest (set by the build). The one place that reads it, so nothing needs the launcher's class.
 */
public final class BuildInfo {

    private BuildInfo() {
    }

    /** The version, or {@code "(development build)"} when run from compiled classes rather than a jar. */
    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** The version, or {@code fallback} when run from compiled classes rather than a jar. */
    public static String versionOr(String fallback) {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? fallback : v;
    }

    /** bin/modelscout of the installation this runs from, else `modelscout` (on the PATH). */
    public static String launcher() {
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            java.nio.file.Path bin = jar.getParent() == null || jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().resolve("bin").resolve("modelscout");
            if (bin != null && java.nio.file.Files.isExecutable(bin)) {
                return bin.toAbsolutePath().normalize().toString();
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall back to the PATH
        }
        return "modelscout";
    }
}
