package dev.modelscout.workflow.select;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one round's fine-tunes on the local executor, up to {@code parallel} at once.
 *
 * <p>Threading contract: {@link FineTune#run} and {@link Finished#finished} are called on the worker thread of
 * their model, several at once when {@code parallel > 1} (with one model, or {@code parallel} 1, on the caller's
 * thread): the fine-tune must be safe to run beside another one, and {@code finished} must serialise what it
 * writes (the history's append takes the history's lock, in process and across processes). Each finished
 * fine-tune is handed to {@code finished} as soon as it ends, so that a run killed mid-round keeps every job that
 * finished before; a failed fine-tune does not stop the others: {@link #run} waits for every one of them and then
 * throws the first failure (in the order of {@code models}).
 */
final class RoundFineTunes {

    /** One fine-tune, returning what it measured. */
    @FunctionalInterface
    interface FineTune<T> {
        T run(String model);
    }

    /** Hears a finished fine-tune, on the thread that ran it. */
    @FunctionalInterface
    interface Finished<T> {
        void finished(String model, T outcome);
    }

    private RoundFineTunes() {
    }

    /** The threads each of {@code running} concurrent fine-tunes gets out of {@code threads} (0: every core). */
    static int threadsEach(int threads, int running) {
        int all = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return running <= 1 ? threads : Math.max(1, all / running);
    }

    /**
     * Fine-tunes every model of {@code models}, {@code parallel} at a time, handing each outcome to
     * {@code finished} as it ends.
     *
     * @return how many ran at once at most (for tests and messages)
     * @throws RuntimeException the first failed fine-tune's (or finished's) exception, once every other one ended
     */
    static <T> int run(List<String> models, int parallel, FineTune<T> fineTune, Finished<T> finished) {
        int workers = Math.min(Math.max(1, parallel), models.size());
        if (workers <= 1) {
            for (String m : models) {
                finished.finished(m, fineTune.run(m));
            }
            return models.isEmpty() ? 0 : 1;
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "select-fine-tune");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String m : models) {
                futures.add(pool.submit(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        finished.finished(m, fineTune.run(m));
                    } finally {
                        running.decrementAndGet();
                    }
                    return null;
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException x = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException(e.getCause());
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    if (first == null) {
                        first = x;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while fine-tuning", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return most.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
