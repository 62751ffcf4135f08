package dev.modelscout.scoring;

/**
 * How many more bytes the JVM heap can give: its maximum minus what is in use, measured again after a
 * garbage collection when that looks too little (arrays the caller dropped a moment ago still count as
 * used until a collection frees them).
 */
final class HeapRoom {

    private HeapRoom() {
    }

    /**
     * Bytes the heap can still give; when fewer than {@code wanted} at first sight, measured again after
     * {@link Runtime#gc()}. The caller compares the answer with what it needs.
     */
    static long available(long wanted) {
        Runtime rt = Runtime.getRuntime();
        long available = free(rt);
        if (available < wanted) {
            rt.gc();
            available = free(rt);
        }
        return available;
    }

    private static long free(Runtime rt) {
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
