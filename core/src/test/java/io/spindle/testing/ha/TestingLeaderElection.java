package io.spindle.testing.ha;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderSession;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link LeaderElection} whose outcome the test decides: {@link #grant()} makes this participant
 * the leader with a new session (published to the cluster's retrievals), {@link #revoke()} breaks
 * the session's fence and then tells the contender, as a real election does. Grants and revokes
 * reach the contender on the calling thread, in call order.
 *
 * <p>Life cycle as the real one: LATENT, {@link #start} once, {@link #close}; granting before start
 * or after close throws {@link IllegalStateException}. Thread-safe.
 */
public final class TestingLeaderElection implements LeaderElection {

    private enum State { LATENT, STARTED, CLOSED }

    private final String participantId;
    private final LeaderContender contender;
    private final Consumer<Optional<LeaderInfo>> publish;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final AtomicReference<LeaderSession> current = new AtomicReference<>();
    private volatile String rpcAddress = "";
    private volatile String restUrl = "";

    TestingLeaderElection(String participantId, LeaderContender contender, Consumer<Optional<LeaderInfo>> publish) {
        this.participantId = participantId;
        this.contender = contender;
        this.publish = publish;
    }

    @Override
    public void start(String rpcAddress, String restUrl) {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("The election of " + participantId + " was " + state.get().name().toLowerCase());
        }
        this.rpcAddress = rpcAddress;
        this.restUrl = restUrl;
    }

    /** Sets the addresses; while leading, publishes the current session again with them. */
    @Override
    public synchronized void publishAddresses(String rpcAddress, String restUrl) {
        if (state.get() == State.LATENT) {
            throw new IllegalStateException("The election of " + participantId + " was not started");
        }
        this.rpcAddress = rpcAddress;
        this.restUrl = restUrl;
        LeaderSession session = current.get();
        if (state.get() == State.STARTED && session != null) {
            publish.accept(Optional.of(new LeaderInfo(participantId, rpcAddress, restUrl, session.id())));
        }
    }

    /**
     * Makes this participant the leader with a fresh session; publishes it, then tells the contender.
     *
     * @return the new session
     * @throws IllegalStateException if not started, closed, or leading already
     */
    public synchronized LeaderSession grant() {
        if (state.get() != State.STARTED) {
            throw new IllegalStateException("The election of " + participantId + " is " + state.get().name().toLowerCase());
        }
        if (current.get() != null) {
            throw new IllegalStateException(participantId + " leads already; revoke first");
        }
        UUID id = UUID.randomUUID();
        LeaderSession session = new LeaderSession(id, new TestingLeaderFence(id));
        current.set(session);
        publish.accept(Optional.of(new LeaderInfo(participantId, rpcAddress, restUrl, id)));
        contender.grantLeadership(session);
        return session;
    }

    /**
     * Ends the current session: its fence breaks first (every later write of it fails), then the
     * contender hears of it. Does nothing if this participant does not lead.
     */
    public synchronized void revoke() {
        LeaderSession session = current.getAndSet(null);
        if (session == null) {
            return;
        }
        session.fence().invalidate();
        publish.accept(Optional.empty());
        contender.revokeLeadership(session);
    }

    @Override
    public Optional<LeaderSession> currentSession() {
        return Optional.ofNullable(current.get()).filter(LeaderSession::isValid);
    }

    @Override
    public String participantId() {
        return participantId;
    }

    /** @return whether {@link #start} was called and {@link #close} not yet */
    public boolean isStarted() {
        return state.get() == State.STARTED;
    }

    @Override
    public synchronized void close() {
        if (state.getAndSet(State.CLOSED) == State.STARTED) {
            revoke();
        }
    }
}
