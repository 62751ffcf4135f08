package dev.modelscout.core;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names that become a folder or file name (a dataset id's feature-cache folder, a model id's): a name that is
 * already a safe, portable file name is used as it is; any other (empty, {@code .}, {@code ..}, a path, a hidden
 * name, control characters, too long) is encoded, so that it can never leave the folder it is resolved in.
 */
public final class FileNames {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");

    private FileNames() {
    }

    /** Whether {@code name} is used as it is by {@link #folderFor}. */
    public static boolean safe(String name) {
        return name != null && SAFE.matcher(name).matches();
    }

    /**
     * {@code name} itself when {@link #safe}; else its safe characters (at most 40), {@code ~} and the first 16 hex
     * digits of its SHA-256, e.g. {@code ..} becomes {@code ~4cd9b7672d7fbee8}, {@code my data/x} becomes
     * {@code mydatax~...}. Distinct names give distinct results (up to a 64-bit hash collision).
     */
    public static String folderFor(String name) {
        if (safe(name)) {
            return name;
        }
        String s = name == null ? "" : name;
        String kept = s.replaceAll("[^A-Za-z0-9._+-]", "").replaceFirst("^[._+-]+", "");
        if (kept.length() > 40) {
            kept = kept.substring(0, 40);
        }
        return kept + "~" + Sha256.hex(s).substring(0, 16).toLowerCase(Locale.ROOT);
    }
}
