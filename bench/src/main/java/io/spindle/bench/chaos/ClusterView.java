package io.spindle.bench.chaos;

import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobDetail;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the chaos run sees of the cluster at one moment: the leader's attempt (from its REST
 * overview), the jobs' details, the TaskExecutor containers running on this machine, and the
 * ZooKeeper member that leads (local cluster only).
 *
 * @param attempt the leading AM attempt
 * @param leaderSession the leader session id it holds
 * @param jobs job id to detail, for the jobs asked for
 * @param taskExecutors container ids of the TaskExecutor JVMs
 * @param zooKeeperLeader the leading ZooKeeper member, if known
 */
record ClusterView(String attempt, String leaderSession, Map<String, JobDetail> jobs, Set<String> taskExecutors,
        Optional<Integer> zooKeeperLeader) {

    /** Reads the view, waiting (at most {@code timeout}) for a leader to answer. */
    static ClusterView read(SessionLink link, ChaosTarget target, List<String> jobIds, Duration timeout)
            throws InterruptedException {
        return link.call(client -> {
            ClusterOverview overview = client.overview();
            if (!overview.leader()) {
                throw new IllegalStateException("not the leader");
            }
            Map<String, JobDetail> jobs = new LinkedHashMap<>();
            jobIds.forEach(id -> jobs.put(id, client.job(id)));
            return new ClusterView(overview.attempt(), overview.leaderSessionId(), jobs,
                    target.taskExecutors().stream().map(LocalProcesses.ContainerProcess::containerId)
                            .collect(Collectors.toSet()),
                    target.localCluster().filter(LocalClusterAccess::hasZooKeeperEnsemble)
                            .flatMap(LocalClusterAccess::zooKeeperLeader));
        }, timeout);
    }
}
