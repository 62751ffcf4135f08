package dev.modelscout.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Exclusive locks for the writers of shared files (history, catalog, feature cache, job results), across
 * processes and hosts: an OS lock ({@link FileChannel#lock}, i.e. {@code fcntl} record locks on Linux) on a
 * lock file beside the target, {@code .NAME.lock}. The lock file is never deleted (deleting it would let two
 * writers hold locks on two different files). On NFS, {@code fcntl} locks are served by the NFSv4 server
 * (NFSv3: by lockd/NLM), so they hold across cluster nodes where the share is mounted with locking enabled
 * (the default; not {@code nolock}/{@code local_lock}).
 *
 * <p>A writer re-reads the file under the lock and writes it with {@link AtomicFiles}; a second writer waits
 * (saying once whom for) and fails with a clear error after the timeout.
 */
public final class FileLocks {

    /** How long a writer waits by default; {@code MODELSCOUT_LOCK_TIMEOUT} (seconds) overrides it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** The timeout to use: {@code MODELSCOUT_LOCK_TIMEOUT} seconds when set, else {@link #DEFAULT_TIMEOUT}. */
    public static Duration timeout() {
        String s = System.getenv("MODELSCOUT_LOCK_TIMEOUT");
        if (s == null || s.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(s.strip()) * 1000));
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("MODELSCOUT_LOCK_TIMEOUT must be a number of seconds, not '" + s + "'");
        }
    }

    /** The lock file of {@code file}: {@code .NAME.lock} beside the file its links resolve to. */
    public static Path lockFile(Path file) throws IOException {
        Path target = AtomicFiles.resolveLinks(file);
        return target.resolveSibling("." + target.getFileName() + ".lock");
    }

    /**
     * Runs {@code work} holding the exclusive lock of {@code file}.
     *
     * @param onWait told once, with a one-line message, when another writer holds the lock
     * @throws ModelScoutException when the lock is not free within {@code timeout}, or the lock file cannot be made
     */
    public static <T> T withLock(Path file, Duration timeout, Consumer<String> onWait, Supplier<T> work) {
        Path lock;
        try {
            lock = lockFile(file);
            Files.createDirectories(lock.getParent());
        } catch (IOException e) {
            throw new ModelScoutException(file + ": cannot create the lock file: " + IoErrors.reason(e), e);
        }
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lock, k -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!local.tryLock()) {
                onWait.accept("waiting for " + file + ": another writer in this process holds its lock");
                if (!local.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw timedOut(file, lock, timeout, "another writer in this process");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelScoutException(file + ": interrupted while waiting for its lock", e);
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            FileLock held = acquire(file, lock, ch, timeout, deadline, onWait);
            try {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on " + AtomicFiles.hostName()
                        + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                return work.get();
            } finally {
                held.release();
            }
        } catch (IOException e) {
            throw new ModelScoutException(file + ": cannot lock " + lock + ": " + IoErrors.reason(e), e);
        } finally {
            local.unlock();
        }
    }

    private static FileLock acquire(Path file, Path lock, FileChannel ch, Duration timeout, long deadline,
            Consumer<String> onWait) throws IOException {
        boolean told = false;
        while (true) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l != null) {
                return l;
            }
            String holder = holder(lock);
            if (!told) {
                onWait.accept("waiting for " + file + ": another writer holds its lock (" + holder + ")");
                told = true;
            }
            if (System.nanoTime() > deadline) {
                throw timedOut(file, lock, timeout, holder);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelScoutException(file + ": interrupted while waiting for its lock", e);
            }
        }
    }

    private static String holder(Path lock) {
        try {
            String s = Files.readString(lock, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "unknown process" : s;
        } catch (IOException e) {
            return "unknown process";
        }
    }

    private static ModelScoutException timedOut(Path file, Path lock, Duration timeout, String holder) {
        return new ModelScoutException(file + ": still locked by " + holder + " after " + timeout.toSeconds()
                + " s (lock file " + lock + "; raise MODELSCOUT_LOCK_TIMEOUT to wait longer)");
    }
}
