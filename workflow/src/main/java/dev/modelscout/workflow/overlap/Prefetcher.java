package dev.modelscout.workflow.overlap;

import dev.modelscout.core.ModelScoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one task at a time ahead, on one worker thread, while the calling thread works on the result of the task
 * before: how features of backbone k+1 are extracted (DJL) while backbone k is scored (ND4J). The hand-off is
 * bounded: a task can only be started once the one before was taken, so at most two results exist at once (the
 * one the caller works on, the one being made). A task's exception is thrown, unchanged, by {@link Ahead#take} on
 * the calling thread, so it surfaces in order, after the caller handled every earlier result. {@link #close} stops
 * the task in flight (it interrupts the worker; a task checks between its steps) and waits until the worker thread
 * has ended, so no thread is left behind whatever failed. When to overlap is the caller's choice ({@link #forEach}
 * runs both steps on the calling thread when told not to).
 */
public final class Prefetcher implements AutoCloseable {

    /**
     * How long one item's steps took.
     *
     * @param produceSeconds the first step, on the worker (or the calling thread when not overlapped)
     * @param consumeSeconds the second step, on the calling thread
     * @param waitSeconds    how long the calling thread waited for the first step's result
     */
    public record Step(double produceSeconds, double consumeSeconds, double waitSeconds) {
    }

    /**
     * How long a {@link #forEach} took.
     *
     * @param steps       one per item, in order
     * @param wallSeconds from the start to the last item consumed
     * @param overlapped  whether the first steps ran ahead on the worker
     */
    public record Run(List<Step> steps, double wallSeconds, boolean overlapped) {
        public Run {
            steps = List.copyOf(steps);
        }

        public double produceSeconds() {
            return steps.stream().mapToDouble(Step::produceSeconds).sum();
        }

        public double consumeSeconds() {
            return steps.stream().mapToDouble(Step::consumeSeconds).sum();
        }

        public double waitSeconds() {
            return steps.stream().mapToDouble(Step::waitSeconds).sum();
        }
    }

    /** A task started ahead; {@link #take} its result on the thread that started it. */
    public final class Ahead<R> {
        private final String what;
        private final FutureTask<R> task;
        private volatile long ranNanos;
        private double waited;
        private boolean taken;

        private Ahead(String what, Supplier<R> work) {
            this.what = what;
            this.task = new FutureTask<>(() -> {
                long t0 = System.nanoTime();
                try {
                    return work.get();
                } finally {
                    ranNanos = System.nanoTime() - t0;
                }
            });
        }

        /**
         * Waits for the result and returns it, or throws the task's own exception. When the calling thread is
         * interrupted while it waits, the task is stopped, the worker ended, the interrupt kept, and this throws.
         */
        public R take() {
            if (taken) {
                throw new IllegalStateException(what + ": taken already");
            }
            taken = true;
            long t0 = System.nanoTime();
            try {
                return task.get();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new ModelScoutException("interrupted while waiting for " + what, e);
            } catch (CancellationException e) {
                throw new ModelScoutException(what + ": stopped", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error r) {
                    throw r;
                }
                throw new IllegalStateException(what + ": " + cause, cause);
            } finally {
                waited = (System.nanoTime() - t0) / 1e9;
            }
        }

        /** Seconds the task ran (valid after {@link #take}). */
        public double seconds() {
            return ranNanos / 1e9;
        }

        /** Seconds {@link #take} waited for it. */
        public double waitedSeconds() {
            return waited;
        }
    }

    private final BlockingQueue<FutureTask<?>> handoff = new ArrayBlockingQueue<>(1);
    private final Thread worker;
    private volatile boolean closed;
    private Ahead<?> last;

    /** Starts the worker thread, named {@code threadName} (a daemon: it never holds the JVM up). */
    public Prefetcher(String threadName) {
        worker = new Thread(this::work, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    private void work() {
        try {
            while (!closed) {
                handoff.take().run();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /**
     * Starts {@code work} on the worker; {@code what} names it in messages ("features of resnet18").
     *
     * @throws IllegalStateException when the task started before was not taken yet (the bound), or after close
     */
    public <R> Ahead<R> start(String what, Supplier<R> work) {
        if (closed) {
            throw new IllegalStateException("prefetcher closed");
        }
        if (last != null && !last.taken) {
            throw new IllegalStateException("cannot start " + what + " before " + last.what + " is taken");
        }
        Ahead<R> a = new Ahead<>(what, work);
        if (!handoff.offer(a.task)) {
            throw new IllegalStateException("cannot start " + what + ": the worker still holds a task");
        }
        last = a;
        return a;
    }

    /** Stops the task in flight, if any, and waits until the worker thread has ended. Idempotent. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        FutureTask<?> never = handoff.poll();
        if (never != null) {
            never.cancel(false);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For each item in order: {@code produce} it, then {@code consume} the result on the calling thread. With
     * {@code overlap}, item k+1 is produced on a worker thread named {@code threadName} while item k is consumed, so
     * at most two results exist at once; without, both steps run on the calling thread, one after the other. The first exception in item order is thrown, after every
     * earlier item was consumed: a produce error of item k+1 after item k's consume; a consume error of item k
     * stops the production of item k+1 and ends the worker before it is thrown.
     *
     * @param name names an item in messages ("features of " + name)
     */
    public static <T, R> Run forEach(String threadName, boolean overlap, List<T> items, Function<T, String> name,
            Function<T, R> produce, BiConsumer<T, R> consume) {
        long t0 = System.nanoTime();
        List<Step> steps = new ArrayList<>();
        if (!overlap) {
            for (T item : items) {
                long p0 = System.nanoTime();
                R r = produce.apply(item);
                long c0 = System.nanoTime();
                consume.accept(item, r);
                steps.add(new Step((c0 - p0) / 1e9, (System.nanoTime() - c0) / 1e9, 0));
            }
            return new Run(steps, (System.nanoTime() - t0) / 1e9, false);
        }
        try (Prefetcher ahead = new Prefetcher(threadName)) {
            Ahead<R> next = items.isEmpty() ? null : ahead.start(name.apply(items.get(0)), () -> produce.apply(items.get(0)));
            for (int i = 0; i < items.size(); i++) {
                Ahead<R> current = next;
                R r = current.take();
                if (i + 1 < items.size()) {
                    T following = items.get(i + 1);
                    next = ahead.start(name.apply(following), () -> produce.apply(following));
                }
                long c0 = System.nanoTime();
                consume.accept(items.get(i), r);
                steps.add(new Step(current.seconds(), (System.nanoTime() - c0) / 1e9, current.waitedSeconds()));
            }
        }
        return new Run(steps, (System.nanoTime() - t0) / 1e9, true);
    }
}
