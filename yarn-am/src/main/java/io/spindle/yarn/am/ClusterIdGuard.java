package io.spindle.yarn.am;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperLeaderRetrieval;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * Refuses a cluster-id that another, still running YARN application leads: two applications
 * sharing one cluster-id would fight over the same jobs. Only needed when the user set the
 * cluster-id; the default (the application id) is unique. A leader whose application the
 * ResourceManager reports as finished, or no longer knows, does not block the cluster-id.
 * Stateless; blocks on ZooKeeper and the ResourceManager.
 */
final class ClusterIdGuard {

    private static final Set<YarnApplicationState> ALIVE = EnumSet.of(YarnApplicationState.NEW,
            YarnApplicationState.NEW_SAVING, YarnApplicationState.SUBMITTED, YarnApplicationState.ACCEPTED,
            YarnApplicationState.RUNNING);

    private ClusterIdGuard() {}

    /**
     * @param clusterClient a started client in the cluster's namespace
     * @param resourceManager asked for the state of the leader's application
     * @param self this application
     * @param clusterId the cluster-id, for the message
     * @return the reason to refuse, or empty when the cluster-id is free (or led by this application)
     * @throws Exception if ZooKeeper or the ResourceManager cannot be asked
     */
    static Optional<String> check(CuratorFramework clusterClient, ResourceManagerReports resourceManager,
            ApplicationId self, String clusterId) throws Exception {
        Optional<LeaderInfo> published = ZooKeeperLeaderRetrieval.readOnce(clusterClient);
        if (published.isEmpty()) {
            return Optional.empty();
        }
        LeaderInfo leader = published.get();
        ApplicationId other;
        try {
            other = ApplicationAttemptId.fromString(leader.participantId()).getApplicationId();
        } catch (IllegalArgumentException e) {
            return Optional.of("cluster-id '" + clusterId + "' is led by JobManager " + leader.participantId()
                    + " outside YARN; choose another high-availability.cluster-id or leave it unset");
        }
        if (other.equals(self)) {
            return Optional.empty();
        }
        Optional<YarnApplicationState> state = resourceManager.applicationState(other);
        if (state.isPresent() && ALIVE.contains(state.get())) {
            return Optional.of("cluster-id '" + clusterId + "' is led by application " + other + ", which is still "
                    + state.get() + "; choose another high-availability.cluster-id or leave it unset");
        }
        return Optional.empty();
    }
}
