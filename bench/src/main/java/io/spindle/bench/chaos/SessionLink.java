package io.spindle.bench.chaos;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLeaderRetrieval;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.security.ClusterSecret;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * The REST API of a session's current leader, found in ZooKeeper (the cluster-id is the
 * application id), with the session's credential. {@link #call} retries through leader changes
 * and ZooKeeper outages until its timeout. One client (one HTTP connection pool) per leader URL:
 * a retry on the same leader reuses it, so polling opens no new connections to the JobManager,
 * whose open descriptors a soak run measures.
 *
 * <p>Thread-safe.
 */
final class SessionLink implements AutoCloseable {

    private static final Duration RETRY = Duration.ofMillis(500);

    private final CuratorFramework zk;
    private final Optional<ClusterSecret> secret;
    /** The client of the last leader looked up, and whether its last call succeeded. */
    private volatile LeaderClient client;

    /** Connects to the session's ZooKeeper namespace. */
    SessionLink(Configuration conf, ApplicationId application, Optional<ClusterSecret> secret) throws Exception {
        this.zk = new ZooKeeperClientFactory(conf.with(HighAvailabilityOptions.CLUSTER_ID, application.toString()))
                .startClusterClient();
        this.secret = secret;
    }

    /** The leader as ZooKeeper has it now, if it can be read. */
    Optional<LeaderInfo> leader() {
        try {
            return ZooKeeperLeaderRetrieval.readOnce(zk).filter(info -> !info.restUrl().isBlank());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code request} on the leader; on a failure looks the leader up again and retries every
     * 500 ms.
     *
     * @throws IllegalStateException with the last failure if none succeeded within {@code timeout}
     */
    <T> T call(Function<RestClusterClient, T> request, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            LeaderClient current = client;
            if (current == null || !current.answered()) {
                current = leader().map(info -> clientFor(info.restUrl())).orElse(null);
            }
            if (current != null) {
                try {
                    T result = request.apply(current.client());
                    client = current.withAnswered(true);
                    return result;
                } catch (RuntimeException e) {
                    last = e;
                    client = current.withAnswered(false);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no answer from the session's leader within " + timeout.toSeconds()
                        + " s" + (last == null ? " (no leader in ZooKeeper)" : ": " + last.getMessage()), last);
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    /** The last client if {@code url} is still its leader's, else a new one. */
    private LeaderClient clientFor(String url) {
        LeaderClient current = client;
        if (current != null && current.leaderUrl().equals(url)) {
            return current;
        }
        RestClusterClient plain = new RestClusterClient(url, Duration.ofSeconds(3), Duration.ofSeconds(10),
                RestClusterClient.DEFAULT_OPERATION_TIMEOUT);
        return new LeaderClient(url, secret.map(plain::withCredential).orElse(plain), false);
    }

    /** The znodes below the session's namespace, the namespace's own node included; -1 if ZooKeeper cannot be read. */
    long znodes() {
        try {
            return 1 + descendants("/");
        } catch (Exception e) {
            return -1;
        }
    }

    private long descendants(String path) throws Exception {
        long n = 0;
        for (String child : zk.getChildren().forPath(path)) {
            n += 1 + descendants((path.endsWith("/") ? path : path + "/") + child);
        }
        return n;
    }

    @Override
    public void close() {
        zk.close();
    }

    /** A client of the leader at {@code leaderUrl} (as ZooKeeper names it). */
    private record LeaderClient(String leaderUrl, RestClusterClient client, boolean answered) {

        LeaderClient withAnswered(boolean now) {
            return now == answered ? this : new LeaderClient(leaderUrl, client, now);
        }
    }
}
