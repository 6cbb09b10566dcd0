package io.spindle.runtime.jobmanager;

import java.util.Optional;

/** Thrown by a JobManager that is not the leader for a call only the leader can answer. */
public final class NotLeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String leaderRestUrl;

    /**
     * @param leaderRestUrl the current leader's REST URL, or {@code null} when no leader is known
     */
    public NotLeaderException(String leaderRestUrl) {
        super(leaderRestUrl == null
                ? "This JobManager is not the leader and no leader is known at the moment; retry shortly"
                : "This JobManager is not the leader; the leader is at " + leaderRestUrl);
        this.leaderRestUrl = leaderRestUrl;
    }

    /** The leader's REST URL, when known. */
    public Optional<String> leaderRestUrl() {
        return Optional.ofNullable(leaderRestUrl);
    }
}
