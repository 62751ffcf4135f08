package dev.modelscout.engine;

/**
 * DJL's offline switches. {@link #enable()} must run before any DJL engine starts: it makes DJL take
 * its natives from the jars on the class path instead of downloading them, and opts out of DJL's usage
 * tracking. The launcher sets the same properties on the command line; this makes library use and tests
 * just as safe.
 */
public final class Offline {

    /** DJL: never download natives or models. */
    public static final String DJL_OFFLINE = "ai.djl.offline";
    /** DJL: never report usage (read from the environment or a system property). */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private Offline() {
    }

    /** Sets both switches to true. Idempotent. */
    public static void enable() {
        System.setProperty(DJL_OFFLINE, "true");
        System.setProperty(OPT_OUT_TRACKING, "true");
    }

    public static boolean isEnabled() {
        return Boolean.parseBoolean(System.getProperty(DJL_OFFLINE))
                && Boolean.parseBoolean(System.getProperty(OPT_OUT_TRACKING));
    }
}
