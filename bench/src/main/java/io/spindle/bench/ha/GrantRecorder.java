package io.spindle.bench.ha;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderSession;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A contender that only notes when it was first granted leadership ({@link System#nanoTime()},
 * taken on the election's notification thread) and with which session. Thread-safe.
 */
final class GrantRecorder implements LeaderContender {

    /** When and with what session leadership was granted. */
    record Grant(long nanoTime, LeaderSession session) {
    }

    private final String name;
    private final CompletableFuture<Grant> granted = new CompletableFuture<>();

    GrantRecorder(String name) {
        this.name = name;
    }

    @Override
    public void grantLeadership(LeaderSession session) {
        granted.complete(new Grant(System.nanoTime(), session));
    }

    @Override
    public void revokeLeadership(LeaderSession session) {
        // only the first grant matters
    }

    /** @return true once leadership was granted */
    boolean wasGranted() {
        return granted.isDone();
    }

    /**
     * @return the first grant
     * @throws IOException if none came within the timeout
     */
    Grant await(Duration timeout) throws IOException, InterruptedException {
        try {
            return granted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("Participant " + name + " was not granted leadership within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
