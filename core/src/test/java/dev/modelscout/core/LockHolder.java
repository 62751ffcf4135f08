package dev.modelscout.core;

import java.nio.file.Path;
import java.time.Duration;

/** A separate process for lock tests: takes the lock of {@code args[0]}, prints "locked", holds it {@code args[1]} ms. */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        FileLocks.withLock(Path.of(args[0]), Duration.ofSeconds(30), m -> { }, () -> {
            System.out.println("locked");
            System.out.flush();
            try {
                Thread.sleep(Long.parseLong(args[1]));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    /** Starts a holder in a new JVM and returns once it holds the lock. */
    static Process start(Path file, long holdMillis) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString(),
                Long.toString(holdMillis)).redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"locked".equals(line)) {
            throw new IllegalStateException("lock holder did not start: " + line);
        }
        return p;
    }
}
