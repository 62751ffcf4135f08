package dev.modelscout.workflow.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.ModelScoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A round's fine-tunes run P at a time, with fake fine-tunes (no engine). */
class RoundFineTunesTest {

    @Test
    void runsTheRoundsFineTunesAtOnceAndHandsEachOnAsItFinishes() {
        CountDownLatch allStarted = new CountDownLatch(3);
        Map<String, Double> appended = new ConcurrentHashMap<>();
        int most = RoundFineTunes.run(List.of("a", "b", "c"), 3, m -> {
            allStarted.countDown();
            try {
                // each fine-tune waits until the three have started: only concurrent runs get past this
                assertTrue(allStarted.await(30, TimeUnit.SECONDS), "the three fine-tunes did not run at once");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return m.equals("b") ? 0.9 : 0.5;
        }, appended::put);
        assertEquals(3, most);
        assertEquals(Map.of("a", 0.5, "b", 0.9, "c", 0.5), appended);
    }

    @Test
    void neverRunsMoreThanParallelAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Map<String, Integer> done = new ConcurrentHashMap<>();
        int reported = RoundFineTunes.run(List.of("a", "b", "c", "d", "e"), 2, m -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return 1;
        }, done::put);
        assertEquals(5, done.size());
        assertTrue(most.get() <= 2, "ran " + most.get() + " at once");
        assertTrue(reported <= 2);
    }

    @Test
    void aFailedFineTuneLosesNoneOfTheOthersAndIsThrownWhenTheyEnded() {
        Map<String, Double> appended = new ConcurrentHashMap<>();
        CountDownLatch failed = new CountDownLatch(1);
        ModelScoutException e = assertThrows(ModelScoutException.class, () -> RoundFineTunes.run(List.of("a", "bad", "c"),
                3, m -> {
                    if (m.equals("bad")) {
                        failed.countDown();
                        throw new ModelScoutException("bad: out of memory");
                    }
                    try {
                        // the others end after the failure
                        assertTrue(failed.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException x) {
                        throw new IllegalStateException(x);
                    }
                    return 0.7;
                }, appended::put));
        assertEquals("bad: out of memory", e.getMessage());
        assertEquals(Map.of("a", 0.7, "c", 0.7), appended, "both others' results kept");
    }

    @Test
    void oneAtATimeRunsOnTheCallersThreadInOrder() {
        Thread caller = Thread.currentThread();
        StringBuilder order = new StringBuilder();
        RoundFineTunes.run(List.of("a", "b"), 1, m -> {
            assertEquals(caller, Thread.currentThread());
            return m;
        }, (m, out) -> order.append(out));
        assertEquals("ab", order.toString());
    }

    @Test
    void eachConcurrentFineTuneGetsItsShareOfTheThreads() {
        assertEquals(4, RoundFineTunes.threadsEach(8, 2));
        assertEquals(1, RoundFineTunes.threadsEach(2, 3));
        assertEquals(8, RoundFineTunes.threadsEach(8, 1));
        assertEquals(0, RoundFineTunes.threadsEach(0, 1), "one fine-tune keeps PyTorch's default");
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), RoundFineTunes.threadsEach(0, 2));
    }
}
