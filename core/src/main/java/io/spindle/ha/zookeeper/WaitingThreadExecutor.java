package io.spindle.ha.zookeeper;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An executor whose tasks run on the one thread that waits for a future ({@link #runUntilDone}),
 * for the blocking forms of asynchronous store operations: their follow-up work (file deletes after
 * a znode is gone, resolving an uncertain write) must not run on a ZooKeeper callback thread, and
 * must not be queued on the store's I/O executor either, because the waiting thread may be one of
 * that executor's threads: with every one of them waiting so, the queued work would never run (seen
 * as a JobManager whose 4 I/O threads all waited in {@code remove} while 10 jobs checkpointed).
 *
 * <p>If the waiting thread is interrupted, the tasks queued and any handed over later go to the
 * {@code fallback} executor, so that the operation still ends in the background; so do tasks handed
 * over once the future is done.
 *
 * <p>One per blocking call. Thread-safe: {@link #execute} may be called from any thread;
 * {@link #runUntilDone} by the waiting thread only, once.
 */
final class WaitingThreadExecutor implements Executor {

    private static final Runnable WAKE_UP = () -> { };

    private final Executor fallback;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean abandoned;

    /** @param fallback runs the tasks once the waiting thread has stopped waiting */
    WaitingThreadExecutor(Executor fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (!abandoned) {
                tasks.add(task);
                notifyAll();
                return;
            }
        }
        fallback.execute(task);
    }

    /**
     * Runs the tasks handed to this executor, on this thread, until {@code future} is done.
     *
     * @return {@code future}, done
     * @throws InterruptedException if interrupted while waiting; the remaining tasks then run on the fallback
     */
    <T> CompletableFuture<T> runUntilDone(CompletableFuture<T> future) throws InterruptedException {
        future.whenComplete((value, failure) -> execute(WAKE_UP));
        while (!future.isDone()) {
            Runnable task;
            synchronized (this) {
                try {
                    while (tasks.isEmpty()) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    handOverToFallback();
                    throw e;
                }
                task = tasks.remove();
            }
            task.run();
        }
        handOverToFallback();
        return future;
    }

    /** Work handed over after the wait (e.g. clean-up that follows the outcome) runs on the fallback. */
    private void handOverToFallback() {
        synchronized (this) {
            abandoned = true;
            tasks.stream().filter(task -> task != WAKE_UP).forEach(fallback::execute);
            tasks.clear();
        }
    }
}
