package io.spindle.ha.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WaitingThreadExecutorTest {

    private final List<Runnable> fallback = new CopyOnWriteArrayList<>();

    @Test
    void tasksHandedOverFromOtherThreadsRunOnTheWaitingThread() throws Exception {
        WaitingThreadExecutor here = new WaitingThreadExecutor(fallback::add);
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread other = new Thread(() -> here.execute(() -> done.complete(Thread.currentThread().getName())));

        other.start();
        String ranOn = here.runUntilDone(done).get();

        assertThat(ranOn).isEqualTo(Thread.currentThread().getName());
        assertThat(fallback).isEmpty();
    }

    @Test
    void onceTheWaiterIsInterruptedLaterTasksGoToTheFallback() {
        WaitingThreadExecutor here = new WaitingThreadExecutor(fallback::add);
        Runnable later = () -> { };
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> here.runUntilDone(new CompletableFuture<Void>() {
            @Override
            public boolean isDone() {
                return false; // never done: only the interrupt ends the wait
            }
        })).isInstanceOf(InterruptedException.class);
        here.execute(later);

        assertThat(fallback).containsExactly(later);
    }

    @Test
    void tasksHandedOverAfterTheFutureIsDoneGoToTheFallback() throws Exception {
        WaitingThreadExecutor here = new WaitingThreadExecutor(fallback::add);
        Runnable cleanUp = () -> { };
        CompletableFuture<String> done = new CompletableFuture<>();
        // the task that completes the future hands over more work, which nobody waits for any more
        here.execute(() -> {
            done.complete("done");
            here.execute(cleanUp);
        });

        here.runUntilDone(done);
        Runnable afterwards = () -> { };
        here.execute(afterwards);

        assertThat(fallback).containsExactly(cleanUp, afterwards);
    }
}
