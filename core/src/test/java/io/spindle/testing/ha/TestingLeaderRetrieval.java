package io.spindle.testing.ha;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.LeaderRetrievalListener;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link LeaderRetrieval} that hears what the {@link TestingLeaderElection}s of the same
 * {@link TestingHaServices} publish, on the publishing thread; each distinct value once.
 * Thread-safe.
 */
public final class TestingLeaderRetrieval implements LeaderRetrieval {

    private final LeaderRetrievalListener listener;
    private final AtomicReference<Optional<LeaderInfo>> last = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    TestingLeaderRetrieval(LeaderRetrievalListener listener, Optional<LeaderInfo> initial) {
        this.listener = listener;
        this.last.set(initial);
    }

    @Override
    public void start() {
        if (started.compareAndSet(false, true)) {
            listener.leaderChanged(last.get());
        }
    }

    void published(Optional<LeaderInfo> leader) {
        Optional<LeaderInfo> previous = last.getAndSet(leader);
        if (started.get() && !closed.get() && !Objects.equals(previous, leader)) {
            listener.leaderChanged(leader);
        }
    }

    @Override
    public Optional<LeaderInfo> currentLeader() {
        return last.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
