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
}
