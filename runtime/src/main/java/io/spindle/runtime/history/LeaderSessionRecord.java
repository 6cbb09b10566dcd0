package io.spindle.runtime.history;

import java.time.Instant;
import java.util.List;

/**
 * One leader session of a cluster, as the failover history keeps it.
 *
 * @param attempt            the YARN application attempt id of the leader, or {@code standalone}
 * @param participantId      its id in the election
 * @param sessionId          the leader session id
 * @param startedAt          when it was granted leadership
 * @param timeToLeadSeconds  from when it last saw no leader (or started) until it led; NaN if unknown
 * @param recovered          each job it recovered, in one line (name, id, checkpoint resumed from)
 * @param previousEnded      why the session before it ended, as far as this leader can tell; empty for the first
 */
public record LeaderSessionRecord(
        String attempt,
        String participantId,
        String sessionId,
        Instant startedAt,
        double timeToLeadSeconds,
        List<String> recovered,
        String previousEnded) {

    /** Copies the list. */
    public LeaderSessionRecord {
        recovered = List.copyOf(recovered);
    }
}
