package dev.modelscout.workflow.cluster;

import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The lock a runner holds on a cell while it computes it: an OS lock ({@code fcntl} on Linux, served by the
 * NFS server on a shared file system mounted with locking) on {@code PLAN/results/.CELL.lock}. Two tasks
 * never compute one cell at once, and {@code jobs status} tells a running cell (lock held) from one whose
 * task was killed (lock free: the OS drops the locks of a dead process). The lock file is never deleted.
 */
public final class CellLock implements AutoCloseable {

    /** What {@link #probe} found. */
    public enum Probe {
        /** Someone holds the lock: the cell is being computed. */
        HELD,
        /** Nobody holds it. */
        FREE,
        /** The file system cannot lock (NFS mounted {@code nolock}): liveness is unknown. */
        UNSUPPORTED
    }

    private final FileChannel channel;
    private final FileLock lock;

    private CellLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code file}, trying again for up to {@code patience} while it is held (a status probe
     * holds it for an instant); empty when another runner holds it.
     *
     * @throws JobsException when the lock file cannot be made or the file system refuses locks
     */
    public static Optional<CellLock> tryAcquire(Path file, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        FileChannel ch;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new JobsException(file + ": cannot create the cell's lock file: " + IoErrors.reason(e), e);
        }
        try {
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l != null) {
                    return Optional.of(new CellLock(ch, l));
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    return Optional.empty();
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            close(ch);
            throw new JobsException(file + ": cannot lock the cell (" + IoErrors.reason(e) + "); is the file system "
                    + "mounted without locking (nolock)?", e);
        } catch (InterruptedException e) {
            close(ch);
            Thread.currentThread().interrupt();
            throw new JobsException(file + ": interrupted while taking the cell's lock", e);
        }
    }

    /** Whether someone holds the lock of {@code file}; {@link Probe#FREE} when the file does not exist. */
    public static Probe probe(Path file) {
        if (!Files.exists(file)) {
            return Probe.FREE;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock l;
            try {
                l = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                return Probe.HELD;
            }
            if (l == null) {
                return Probe.HELD;
            }
            l.release();
            return Probe.FREE;
        } catch (IOException e) {
            return Probe.UNSUPPORTED;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below drops the lock as well
        }
        close(channel);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
