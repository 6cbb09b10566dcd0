package io.spindle.bench.chaos;

import io.spindle.yarn.client.YarnClusterDeployer;
import io.spindle.yarn.common.AmLaunchContract;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;

/**
 * What the faults act on: the session's application on YARN, its container processes on this
 * machine, and the local cluster's ZooKeeper members and DataNode when the cluster is one.
 *
 * <p>Not thread-safe: the run injects one fault at a time.
 *
 * @param deployer the deployer of the session
 * @param application the session's application
 * @param localCluster the local cluster, if {@code HADOOP_CONF_DIR} is one
 * @param random the seeded random that picks victims
 */
record ChaosTarget(YarnClusterDeployer deployer, ApplicationId application, Optional<LocalClusterAccess> localCluster,
        Random random) {

    /** The AM container of the current attempt. */
    ContainerId amContainer() throws Exception {
        var attempt = deployer.report(application).getCurrentApplicationAttemptId();
        return deployer.yarnClient().getApplicationAttemptReport(attempt).getAMContainerId();
    }

    /** The AM's JVM on this machine, if it runs here. */
    Optional<LocalProcesses.ContainerProcess> amProcess() {
        return LocalProcesses.containers(application.toString(), AmLaunchContract.AM_MAIN_CLASS).stream()
                .reduce((a, b) -> b); // the newest attempt's container sorts last
    }

    /** The TaskExecutor JVMs on this machine. */
    List<LocalProcesses.ContainerProcess> taskExecutors() {
        return LocalProcesses.containers(application.toString(), AmLaunchContract.TASK_EXECUTOR_MAIN_CLASS);
    }

    /** One of the TaskExecutors, picked with the seeded random. */
    LocalProcesses.ContainerProcess pickTaskExecutor() {
        List<LocalProcesses.ContainerProcess> all = taskExecutors();
        if (all.isEmpty()) {
            throw new IllegalStateException("no TaskExecutor of " + application + " runs on this machine");
        }
        return all.get(random.nextInt(all.size()));
    }

    /** The local cluster with a ZooKeeper ensemble of separate processes. */
    LocalClusterAccess ensemble() {
        return localCluster.filter(LocalClusterAccess::hasZooKeeperEnsemble).orElseThrow(
                () -> new IllegalStateException("no local cluster with --zookeeper-ensemble"));
    }
}
