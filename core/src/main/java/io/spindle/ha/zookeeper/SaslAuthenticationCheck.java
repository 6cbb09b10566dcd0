package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.SecurityOptions;
import io.spindle.ha.ZooKeeperAuthenticationException;
import io.spindle.ha.ZooKeeperUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZooKeeperSaslClient;

/**
 * Waits for the outcome of a connected client's SASL authentication, so that a failure is one
 * clear error at start instead of {@code AuthFailed} events and operations that fail later.
 *
 * <p>How: one {@code exists("/")} on the raw ZooKeeper handle (no namespace, so nothing is
 * created). A ZooKeeper client holds every request back until its SASL exchange is over, so the
 * answer comes after the outcome: {@code AUTHFAILED} when the client's side failed (for Kerberos:
 * no service ticket for {@code <service name>/<host>}, e.g. a wrong service name) or when the
 * server refused, and a lost connection with a failed SASL state when the server closed it.
 * Without SASL the check costs one round trip.
 *
 * <p>Stateless; thread-safe.
 */
public final class SaslAuthenticationCheck {

    private SaslAuthenticationCheck() {}

    /**
     * @param client a started, connected client
     * @param conf the configuration it was built from (the quorum, the SASL keys, for the message)
     * @param bound how long to wait for the answer
     * @throws ZooKeeperAuthenticationException if the authentication failed
     * @throws ZooKeeperUnavailableException if no answer came within {@code bound}
     */
    public static void await(CuratorFramework client, Configuration conf, Duration bound)
            throws ZooKeeperUnavailableException {
        ZooKeeper zk;
        try {
            zk = client.getZookeeperClient().getZooKeeper();
        } catch (Exception e) {
            throw new ZooKeeperUnavailableException("ZooKeeper client for " + quorum(conf) + " failed: " + e);
        }
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        zk.exists("/", false, (rc, path, ctx, stat) -> answer.complete(rc), null);
        int rc;
        try {
            rc = answer.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooKeeperUnavailableException("Interrupted while authenticating to ZooKeeper at " + quorum(conf));
        } catch (ExecutionException | TimeoutException e) {
            throw new ZooKeeperUnavailableException("ZooKeeper at " + quorum(conf) + " ('"
                    + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key() + "') did not answer within " + bound.toMillis()
                    + " ms after connecting" + (saslFailed(zk) ? ": " + failure(conf) : ""));
        }
        if (rc == KeeperException.Code.AUTHFAILED.intValue() || (rc != KeeperException.Code.OK.intValue() && saslFailed(zk))) {
            throw new ZooKeeperAuthenticationException(failure(conf));
        }
    }

    private static boolean saslFailed(ZooKeeper zk) {
        ZooKeeperSaslClient sasl = zk.getSaslClient();
        return sasl != null && sasl.getSaslState() == ZooKeeperSaslClient.SaslState.FAILED;
    }

    private static String failure(Configuration conf) {
        return "SASL authentication to ZooKeeper at " + quorum(conf) + " ('" + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key()
                + "') failed: check the service name '" + conf.get(SecurityOptions.ZOOKEEPER_SASL_SERVICE_NAME) + "' ('"
                + SecurityOptions.ZOOKEEPER_SASL_SERVICE_NAME.key() + "': the servers' principal is <service name>/<host>)"
                + " and the Kerberos login of the JAAS context '" + conf.get(SecurityOptions.ZOOKEEPER_SASL_LOGIN_CONTEXT_NAME)
                + "' ('" + SecurityOptions.ZOOKEEPER_SASL_LOGIN_CONTEXT_NAME.key() + "', '"
                + SecurityOptions.KERBEROS_LOGIN_CONTEXTS.key() + "'); the ZooKeeper client's log says more";
    }

    private static String quorum(Configuration conf) {
        return conf.getRequired(HighAvailabilityOptions.ZOOKEEPER_QUORUM);
    }
}
