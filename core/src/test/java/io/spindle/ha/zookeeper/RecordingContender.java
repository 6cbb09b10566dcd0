package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderSession;
import io.spindle.ha.LeaderContender;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A contender that records every grant and revoke, for assertions. Thread-safe. */
final class RecordingContender implements LeaderContender {

    final List<LeaderSession> grants = new CopyOnWriteArrayList<>();
    final List<LeaderSession> revokes = new CopyOnWriteArrayList<>();
    private final AtomicReference<LeaderSession> leading = new AtomicReference<>();

    @Override
    public void grantLeadership(LeaderSession session) {
        grants.add(session);
        leading.set(session);
    }

    @Override
    public void revokeLeadership(LeaderSession session) {
        revokes.add(session);
        leading.compareAndSet(session, null);
    }

    Optional<LeaderSession> leading() {
        return Optional.ofNullable(leading.get());
    }

    boolean isLeading() {
        return leading.get() != null;
    }
}
