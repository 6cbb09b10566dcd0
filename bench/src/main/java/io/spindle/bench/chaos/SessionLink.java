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
 * and ZooKeeper outages until its timeout.
 *
 * <p>Thread-safe.
 */
final class SessionLink implements AutoCloseable {

    private static final Duration RETRY = Duration.ofMillis(500);

    private final CuratorFramework zk;
    private final Optional<ClusterSecret> secret;
    private volatile RestClusterClient client;

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
            RestClusterClient current = client;
            if (current == null) {
                current = leader().map(info -> newClient(info.restUrl())).orElse(null);
            }
            if (current != null) {
                try {
                    T result = request.apply(current);
                    client = current;
                    return result;
                } catch (RuntimeException e) {
                    last = e;
                    client = null;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no answer from the session's leader within " + timeout.toSeconds()
                        + " s" + (last == null ? " (no leader in ZooKeeper)" : ": " + last.getMessage()), last);
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private RestClusterClient newClient(String url) {
        RestClusterClient plain = new RestClusterClient(url, Duration.ofSeconds(3), Duration.ofSeconds(10),
                RestClusterClient.DEFAULT_OPERATION_TIMEOUT);
        return secret.map(plain::withCredential).orElse(plain);
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
}
