package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ClassJars;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad nodes are avoided: on a MiniYARNCluster with two NodeManagers, one of which fails every
 * TaskExecutor container at start, a per-job application excludes that node after its first failed
 * container ({@code yarn.node-exclusion.failures: 1}), lists it in the REST overview's
 * {@code excludedNodes}, runs its TaskExecutor on the other node and finishes its job.
 *
 * <p>How one node is made bad: both NodeManagers use {@link OneBadNodeContainerExecutor}, which
 * makes the first node asked to launch a non-AM container the bad one and fails every non-AM
 * container there with exit status 1 without starting it (as a broken JVM or disk would). The bad
 * node is thus the one the scheduler picked first, wherever the AM runs, and YARN reports its
 * containers as failed exactly as it reports a real failed start. Both NodeManagers run on one
 * host, so the ResourceManager names nodes {@code host:port}
 * ({@code yarn.scheduler.include-port-in-node-name}), which the AM reads from the same
 * configuration; excluding the host alone would exclude both. The class has its own cluster (the
 * shared {@code yarn-e2e} one has one NodeManager and the default executor), and so runs in a
 * surefire JVM of its own (see the pom: a second ResourceManager in a JVM breaks the first).
 */
class NodeExclusionYarnTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withHdfs()
            .withYarn(2)
            .withHadoopConfig("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0")
            .withHadoopConfig(YarnConfiguration.RM_SCHEDULER_INCLUDE_PORT_IN_NODE_NAME, "true")
            .withHadoopConfig(YarnConfiguration.NM_CONTAINER_EXECUTOR, OneBadNodeContainerExecutor.class.getName())
            .build();

    private final List<ApplicationId> started = new ArrayList<>();

    @BeforeEach
    void noBadNodeYet() {
        OneBadNodeContainerExecutor.reset();
    }

    @AfterEach
    void endApplications() throws Exception {
        YarnE2eCluster.endApplications(CLUSTER, started);
    }

    @Test
    void theJobRunsOnTheOtherNodeAndTheExcludedOneIsListedInTheOverview() throws Exception {
        Map<String, String> values = YarnE2eCluster.values(CLUSTER);
        values.put("taskmanager.numberOfTaskSlots", "2");
        values.put("execution.checkpointing.interval", "300 ms");
        values.put("yarn.node-exclusion.failures", "1");
        try (YarnClusterDeployer deployer = YarnClusterDeployer.builder(CLUSTER.hadoopConf())
                .containerJavaHome(System.getProperty("java.home"))
                .readyTimeout(Duration.ofSeconds(120))
                .console(line -> { })
                .build()) {
            ClusterHandle handle = deployer.deployPerJob(Configuration.fromMap(values), new JobDescription(
                    ClassJars.jarContaining(CountingJob.class, CLUSTER.workDir()), CountingJob.class.getName(),
                    List.of("--output", CLUSTER.hdfsUri() + "/out/exclusion", "--count", "3000",
                            "--step-delay-ms", "3"), 2, "exclusion"));
            ApplicationId app = handle.applicationId();
            started.add(app);
            RestClusterClient rest = YarnE2eCluster.owner(deployer, handle);

            ClusterOverview overview = await("a TaskExecutor registered after the bad node was excluded")
                    .atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(rest::overview, o -> o.taskExecutors() == 1 && !o.excludedNodes().isEmpty());

            String badNode = OneBadNodeContainerExecutor.badNode();
            assertThat(badNode).as("a TaskExecutor container was sent to the bad node").isNotNull();
            assertThat(overview.excludedNodes()).containsExactly(badNode);
            List<ContainerReport> containers = CLUSTER.yarnClient().getContainers(
                    CLUSTER.yarnClient().getApplicationReport(app).getCurrentApplicationAttemptId());
            String amContainer = CLUSTER.yarnClient().getApplicationAttemptReport(CLUSTER.yarnClient()
                    .getApplicationReport(app).getCurrentApplicationAttemptId()).getAMContainerId().toString();
            assertThat(containers).filteredOn(c -> !c.getContainerId().toString().equals(amContainer))
                    .filteredOn(c -> c.getContainerState() == ContainerState.RUNNING)
                    .as("the running TaskExecutor containers").isNotEmpty()
                    .allSatisfy(c -> assertThat(c.getAssignedNode().toString()).isNotEqualTo(badNode));

            ApplicationReport report = YarnApps.awaitTerminal(CLUSTER.yarnClient(), app, Duration.ofSeconds(120));
            assertThat(report.getFinalApplicationStatus()).as(report.getDiagnostics())
                    .isEqualTo(FinalApplicationStatus.SUCCEEDED);
        }
    }
}
