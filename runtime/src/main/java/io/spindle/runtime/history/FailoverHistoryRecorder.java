package io.spindle.runtime.history;

import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.runtime.jobmanager.JobManagerEvents;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this JobManager's leader sessions into the cluster's {@link FailoverHistory} and answers
 * the history for the dashboard. It stands between the election and the JobManager
 * ({@link #around}) to see grants and revokes, hears the recovery of each session as a
 * {@link JobManagerEvents}, and watches the finished-participant predicate ({@link #watching}) to
 * tell why the previous leader went away:
 * <ul>
 *   <li>its YARN attempt was reported finished by the ResourceManager (and its latch node removed);
 *   <li>this very process lost its leadership (and the connection state it had then);
 *   <li>otherwise its ZooKeeper session ended: the process stopped, crashed or lost ZooKeeper.
 * </ul>
 *
 * <p>Writes happen on a thread of its own, after the session's recovery and only while the session
 * is still valid; a failed write is logged and costs only the display. Thread-safe; {@link #close}
 * stops the writer.
 */
public final class FailoverHistoryRecorder implements JobManagerEvents, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverHistoryRecorder.class);

    /** How long a read of the history is answered from the copy in memory. */
    private static final Duration READ_CACHE = Duration.ofSeconds(5);

    private final FailoverHistory history;
    private final HaServices ha;
    private final String attempt;
    private final String participantId;
    private final DoubleSupplier timeToLeadSeconds;
    private final Set<String> reportedFinished = ConcurrentHashMap.newKeySet();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "failover-history");
        t.setDaemon(true);
        return t;
    });

    private volatile Granted granted;
    private volatile String ownRevocation;
    private volatile List<LeaderSessionRecord> cached = List.of();
    private volatile long cachedAtNanos = System.nanoTime() - READ_CACHE.toNanos() - 1;

    private record Granted(LeaderSession session, Instant at, double timeToLeadSeconds) {}

    /**
     * @param history           the cluster's history
     * @param ha                the HA services, for the connection state at a revoke
     * @param attempt           this JobManager's attempt id, or {@code standalone}
     * @param participantId     its id in the election
     * @param timeToLeadSeconds the time to lead of the latest grant, read right after it
     */
    public FailoverHistoryRecorder(FailoverHistory history, HaServices ha, String attempt, String participantId,
            DoubleSupplier timeToLeadSeconds) {
        this.history = history;
        this.ha = ha;
        this.attempt = attempt;
        this.participantId = participantId;
        this.timeToLeadSeconds = timeToLeadSeconds;
    }

    /** {@code contender}, with every grant and revoke noted first. */
    public LeaderContender around(LeaderContender contender) {
        return new LeaderContender() {
            @Override
            public void grantLeadership(LeaderSession session) {
                granted = new Granted(session, Instant.now(), timeToLeadSeconds.getAsDouble());
                contender.grantLeadership(session);
            }

            @Override
            public void revokeLeadership(LeaderSession session) {
                ownRevocation = "its leadership was revoked in " + participantId + " while the ZooKeeper connection was "
                        + ha.connectionState();
                contender.revokeLeadership(session);
            }
        };
    }

    /** {@code finished}, with every participant it reports finished remembered. */
    public ParticipantFinishedPredicate watching(ParticipantFinishedPredicate finished) {
        return participant -> {
            boolean done = finished.isFinished(participant);
            if (done) {
                reportedFinished.add(participant);
            }
            return done;
        };
    }

    @Override
    public void jobsRecovered(LeaderSession session, List<String> recovered) {
        Granted grant = granted;
        if (grant == null || grant.session() != session) {
            return;
        }
        writer.execute(() -> append(grant, recovered));
    }

    private void append(Granted grant, List<String> recovered) {
        try {
            List<LeaderSessionRecord> before = history.read();
            String previous = before.isEmpty() ? "" : whyEnded(before.get(before.size() - 1));
            LeaderSessionRecord record = new LeaderSessionRecord(attempt, participantId, grant.session().id().toString(),
                    grant.at(), grant.timeToLeadSeconds(), recovered, previous);
            if (!grant.session().isValid()) {
                return;
            }
            cached = history.append(record);
            cachedAtNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not record leader session {} in the failover history: {}", grant.session().id(), e.toString());
        }
    }

    private String whyEnded(LeaderSessionRecord previous) {
        if (previous.participantId().equals(participantId) && ownRevocation != null) {
            return ownRevocation;
        }
        if (reportedFinished.contains(previous.participantId())) {
            return "the ResourceManager reported " + previous.participantId()
                    + " finished; its latch node was removed without waiting for its ZooKeeper session to expire";
        }
        return "its ZooKeeper session ended (its latch node is gone): " + previous.participantId()
                + " stopped, crashed or lost ZooKeeper";
    }

    /**
     * @return the cluster's leader sessions, oldest first; read again at most every few seconds
     * @throws IOException if the history cannot be read
     */
    public List<LeaderSessionRecord> sessions() throws IOException {
        if (System.nanoTime() - cachedAtNanos > READ_CACHE.toNanos()) {
            cached = history.read();
            cachedAtNanos = System.nanoTime();
        }
        return cached;
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
