package dev.modelscout.workflow.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.ModelScoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded hand-off with fake producers (features) and consumers (scores): order, the bound, errors of either
 * side in item order, interruption, and no thread left behind.
 */
@Timeout(60)
class PrefetcherTest {

    static final String THREAD = "prefetcher-test";
    static final List<Integer> ITEMS = List.of(0, 1, 2, 3, 4, 5);

    @AfterEach
    void noThreadLeft() {
        assertFalse(alive(THREAD), "the worker thread ended");
    }

    static boolean alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    static String label(Integer i) {
        return "item " + i;
    }

    @Test
    void resultsAreConsumedInItemOrderOnTheCallingThreadWhileTheWorkerProduces() {
        List<String> producedOn = Collections.synchronizedList(new ArrayList<>());
        List<Integer> consumed = new ArrayList<>();
        Thread caller = Thread.currentThread();
        Prefetcher.Run run = Prefetcher.forEach(THREAD, true, ITEMS, PrefetcherTest::label, i -> {
            producedOn.add(Thread.currentThread().getName());
            sleep(5 * (5 - i)); // later items are faster: order must not depend on timing
            return "features " + i;
        }, (i, r) -> {
            assertSame(caller, Thread.currentThread());
            assertEquals("features " + i, r);
            consumed.add(i);
        });
        assertEquals(ITEMS, consumed);
        assertEquals(Collections.nCopies(6, THREAD), producedOn);
        assertTrue(run.overlapped());
        assertEquals(6, run.steps().size());
        assertTrue(run.produceSeconds() >= 0.070, run.toString());
    }

    @Test
    void atMostTwoResultsAreAliveAndTheProducerWaitsForTheConsumer() throws Exception {
        AtomicInteger alive = new AtomicInteger();
        AtomicInteger maxAlive = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        CountDownLatch secondProduced = new CountDownLatch(1);
        List<Integer> startedWhileFirstConsumed = new ArrayList<>();
        Prefetcher.forEach(THREAD, true, ITEMS, PrefetcherTest::label, i -> {
            started.incrementAndGet();
            maxAlive.accumulateAndGet(alive.incrementAndGet(), Math::max);
            if (i == 1) {
                secondProduced.countDown();
            }
            return i;
        }, (i, r) -> {
            if (i == 0) {
                // a slow consumer: item 1 is made meanwhile, item 2 must wait until item 0 is done with
                await(secondProduced);
                sleep(200);
                startedWhileFirstConsumed.add(started.get());
            }
            alive.decrementAndGet();
        });
        assertEquals(List.of(2), startedWhileFirstConsumed, "items started while item 0 was consumed");
        assertEquals(2, maxAlive.get(), "one consumed, one made ahead");
    }

    @Test
    void aProduceErrorSurfacesAfterEveryEarlierItemWasConsumed() {
        List<Integer> consumed = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        IllegalStateException planted = new IllegalStateException("model 2: planted extraction failure");
        RuntimeException e = assertThrows(RuntimeException.class, () -> Prefetcher.forEach(THREAD, true, ITEMS,
                PrefetcherTest::label, i -> {
                    started.incrementAndGet();
                    if (i == 2) {
                        throw planted;
                    }
                    return i;
                }, (i, r) -> {
                    sleep(50); // item 2 fails long before items 0 and 1 are consumed
                    consumed.add(i);
                }));
        assertSame(planted, e, "the producer's own exception, unchanged");
        assertEquals(List.of(0, 1), consumed);
        assertEquals(3, started.get(), "nothing is made after the failed item");
    }

    @Test
    void aConsumeErrorStopsTheItemBeingMadeAndEndsTheWorkerPromptly() {
        AtomicReference<String> producerSaw = new AtomicReference<>("nothing");
        long t0 = System.nanoTime();
        RuntimeException e = assertThrows(RuntimeException.class, () -> Prefetcher.forEach(THREAD, true, ITEMS,
                PrefetcherTest::label, i -> {
                    if (i == 1) {
                        // a long extraction that checks for interruption between its batches
                        for (int batch = 0; batch < 3000; batch++) {
                            if (Thread.currentThread().isInterrupted()) {
                                producerSaw.set("interrupted at batch " + batch);
                                throw new IllegalStateException("stopped");
                            }
                            sleep(10);
                        }
                    }
                    return i;
                }, (i, r) -> {
                    sleep(100);
                    throw new IllegalArgumentException("model " + i + ": planted scoring failure");
                }));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("model 0: planted scoring failure", e.getMessage());
        assertTrue(producerSaw.get().startsWith("interrupted at batch"), producerSaw.get());
        assertTrue(seconds < 10, "stopped long before the 30 s the item would take: " + seconds);
        assertFalse(alive(THREAD), "the worker has ended when forEach throws");
    }

    @Test
    void aConsumeErrorWinsOverALaterProduceError() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Prefetcher.forEach(THREAD, true, ITEMS,
                PrefetcherTest::label, i -> {
                    if (i == 1) {
                        throw new IllegalStateException("item 1: produce failure");
                    }
                    return i;
                }, (i, r) -> {
                    sleep(50);
                    throw new IllegalArgumentException("item 0: consume failure");
                }));
        assertEquals("item 0: consume failure", e.getMessage(), "the first error in item order");
    }

    @Test
    void anInterruptedCallerStopsTheWorkerAndKeepsItsInterrupt() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        CountDownLatch producing = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                Prefetcher.forEach(THREAD, true, ITEMS, PrefetcherTest::label, i -> {
                    producing.countDown();
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    throw new IllegalStateException("stopped");
                }, (i, r) -> { });
            } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertTrue(producing.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive());
        assertTrue(thrown.get() instanceof ModelScoutException, String.valueOf(thrown.get()));
        assertEquals("interrupted while waiting for item 0", thrown.get().getMessage());
        assertTrue(flag.get(), "the interrupt is kept");
    }

    @Test
    void aSecondTaskCannotStartBeforeTheFirstIsTaken() {
        try (Prefetcher p = new Prefetcher(THREAD)) {
            Prefetcher.Ahead<Integer> first = p.start("first", () -> 1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.start("second", () -> 2));
            assertEquals("cannot start second before first is taken", e.getMessage());
            assertEquals(1, first.take());
            assertEquals(2, p.start("second", () -> 2).take());
        }
    }

    @Test
    void withoutOverlapBothStepsRunOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Integer> order = new ArrayList<>();
        Prefetcher.Run run = Prefetcher.forEach(THREAD, false, ITEMS, PrefetcherTest::label, i -> {
            assertSame(caller, Thread.currentThread());
            order.add(i);
            return i;
        }, (i, r) -> order.add(-i - 1));
        assertEquals(List.of(0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6), order, "each item made, then used");
        assertFalse(run.overlapped());
        assertEquals(0.0, run.waitSeconds());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
