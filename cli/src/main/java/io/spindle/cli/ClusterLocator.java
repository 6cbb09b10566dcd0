package io.spindle.cli;

import io.spindle.security.ClusterSecret;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the REST URL of a cluster's leading JobManager, for one {@link DeploymentTarget}. Each
 * target has its own implementation (see {@link StandaloneClusterLocator}); a command asks again
 * after a failover, so implementations must not cache a leader they cannot vouch for.
 */
interface ClusterLocator {

    /**
     * @return the leader's REST URL, e.g. {@code http://host:8081}
     * @throws IOException if a service needed to find it (ZooKeeper, YARN) cannot be reached, or
     *     no leader is known at the moment
     * @throws io.spindle.configuration.IllegalConfigurationException if the configuration does
     *     not say where to look
     */
    String leaderRestUrl() throws IOException;

    /** @return where this locator looks, for messages (e.g. "ZooKeeper at zk1:2181") */
    String describe();

    /**
     * Whether the leader comes from what the cluster publishes (ZooKeeper), so that an unreachable
     * leader may be replaced by the next one; false for a fixed address.
     */
    default boolean followsPublishedLeader() {
        return false;
    }

    /**
     * Checks, where the target can tell, that the cluster has not ended (on YARN: asks the
     * ResourceManager). Does nothing by default.
     *
     * @throws IOException if the cluster has ended, with a one-line message saying so
     */
    default void checkClusterRunning() throws IOException {}

    /**
     * The credential the owner's calls carry: the cluster's secret, from where this target keeps it
     * (standalone: {@code security.cluster.secret-file}; YARN: the submitting user's
     * {@link io.spindle.yarn.client.ApplicationSecretFile}). Empty by default: calls go without
     * one, and an authenticated cluster refuses those that change something.
     *
     * @throws IOException if the secret is there but cannot be read
     * @throws io.spindle.configuration.IllegalConfigurationException if a configured secret file
     *     is missing, unreadable, empty or accessible by others
     */
    default Optional<ClusterSecret> credential() throws IOException {
        return Optional.empty();
    }
}
