package dev.modelscout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exclusive writer locks across threads and processes; waits are told once; timeouts are clear errors. */
class FileLocksTest {

    @TempDir
    Path dir;

    @Test
    void aSecondProcessWaitsWithAMessageAndTimesOutNamingTheHolder() throws Exception {
        Path file = dir.resolve("history.csv");
        Process holder = LockHolder.start(file, 5_000);
        try {
            List<String> told = new ArrayList<>();
            ModelScoutException e = assertThrows(ModelScoutException.class,
                    () -> FileLocks.withLock(file, Duration.ofMillis(400), told::add, () -> "never"));
            assertTrue(e.getMessage().startsWith(file + ": still locked by pid " + holder.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("MODELSCOUT_LOCK_TIMEOUT"), e.getMessage());
            assertEquals(1, told.size(), told.toString());
            assertTrue(told.get(0).startsWith("waiting for " + file), told.get(0));
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        // the holder is gone (its OS lock released with it): the lock is free again
        assertEquals("ok", FileLocks.withLock(file, Duration.ofSeconds(5), m -> { }, () -> "ok"));
    }

    @Test
    void aWaitingWriterGetsTheLockWhenTheHolderFinishes() throws Exception {
        Path file = dir.resolve("zoo.csv");
        Process holder = LockHolder.start(file, 600);
        List<String> told = new ArrayList<>();
        assertEquals("mine", FileLocks.withLock(file, Duration.ofSeconds(20), told::add, () -> "mine"));
        assertEquals(1, told.size());
        holder.waitFor();
    }

    @Test
    void threadsOfOneProcessTakeTurns() throws Exception {
        Path file = dir.resolve("h.csv");
        Files.writeString(file, "0");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 25; i++) {
                    FileLocks.withLock(file, Duration.ofSeconds(30), m -> { }, () -> {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            int v = Integer.parseInt(Files.readString(file));
                            AtomicFiles.write(file, Integer.toString(v + 1));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        inside.decrementAndGet();
                        return null;
                    });
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(1, maxInside.get());
        assertEquals("100", Files.readString(file), "every read-modify-write landed");
    }

    @Test
    void theLockFileSitsBesideTheFileALinkPointsTo() throws Exception {
        Path real = Files.createDirectories(dir.resolve("data")).resolve("history.csv");
        Files.writeString(real, "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
        assertEquals(real.toRealPath().resolveSibling(".history.csv.lock"), FileLocks.lockFile(link));
    }
}
