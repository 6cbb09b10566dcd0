package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-job submissions whose ApplicationMaster cannot start for a reason no further attempt would
 * fix, with the real client and ApplicationMaster on a MiniYARNCluster, MiniDFSCluster and
 * ZooKeeper: each ends FAILED after exactly one attempt, the client's error is the AM's one-line
 * diagnostic naming the key and host, and nothing of the cluster remains in ZooKeeper. The
 * client's own checks pass in each case (the AM is what finds the error): the quorum answers the
 * client through a forwarder closed once the application is submitted; the storageDir's name
 * service is known to the client's Hadoop configuration only.
 */
class FatalStartTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;

    @RegisterExtension
    static final YarnE2eFixture E2E = new YarnE2eFixture();

    private static Map<String, String> values() {
        Map<String, String> values = YarnE2eCluster.values(CLUSTER);
        values.put("high-availability.zookeeper.client.connection-timeout", "3 s");
        return values;
    }

    private static JobDescription job() throws java.io.IOException {
        return new JobDescription(E2E.jar(), CountingJob.class.getName(),
                List.of("--output", CLUSTER.hdfsUri() + "/out/never", "--count", "10"), 1, "never-runs");
    }

    private static YarnClusterDeployer deployer(org.apache.hadoop.conf.Configuration hadoopConf) throws Exception {
        return YarnE2eCluster.deployer(hadoopConf).stopTimeout(Duration.ofSeconds(30)).build();
    }

    /** Deploys {@link #job()} per job with {@code values} on another thread. */
    private static CompletableFuture<?> deployAsync(YarnClusterDeployer deployer, Map<String, String> values) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deployer.deployPerJob(Configuration.fromMap(values), job());
            } catch (java.io.IOException | InterruptedException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static Set<ApplicationId> applications() throws Exception {
        Set<ApplicationId> ids = new HashSet<>();
        for (ApplicationReport report : CLUSTER.yarnClient().getApplications()) {
            ids.add(report.getApplicationId());
        }
        return ids;
    }

    /** The one application submitted since {@code before}. */
    private ApplicationId submittedSince(Set<ApplicationId> before) throws Exception {
        Set<ApplicationId> now = applications();
        now.removeAll(before);
        assertThat(now).as("applications submitted by the deployment").hasSize(1);
        return E2E.started(now.iterator().next());
    }

    private static Throwable failureOf(CompletableFuture<?> deployment) throws Exception {
        try {
            deployment.get(150, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the deployment succeeded");
    }

    private static void assertFailedAfterOneAttemptLeavingNoZnodes(ApplicationId app, String diagnostic)
            throws Exception {
        ApplicationReport report = YarnApps.awaitTerminal(CLUSTER.yarnClient(), app, Duration.ofSeconds(60));
        assertThat(report.getYarnApplicationState()).as("the AM ended it").isEqualTo(YarnApplicationState.FINISHED);
        assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
        assertThat(report.getDiagnostics()).contains(diagnostic);
        assertThat(CLUSTER.yarnClient().getApplicationAttempts(app)).as("attempts").hasSize(1);
        assertThat(E2E.zk().checkExists().forPath("/spindle/" + app)).as("znode of the cluster").isNull();
        assertThat(CLUSTER.fileSystem().exists(new org.apache.hadoop.fs.Path(
                CLUSTER.fileSystem().getHomeDirectory(), ".spindle/" + app))).as("staging dir").isFalse();
    }

    @Test
    void aQuorumTheApplicationMasterCannotReachFailsTheApplicationAtOnceNamingTheKey() throws Exception {
        String[] hostPort = CLUSTER.zooKeeperConnectString().split(",")[0].split(":");
        try (TcpForwarder quorum = new TcpForwarder(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
                YarnClusterDeployer deployer = deployer(CLUSTER.hadoopConf())) {
            Map<String, String> values = values();
            String address = "127.0.0.1:" + quorum.port();
            values.put("high-availability.zookeeper.quorum", address);
            Set<ApplicationId> before = applications();

            CompletableFuture<?> deployment = deployAsync(deployer, values);
            await("the application is submitted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !before.containsAll(applications()) || deployment.isDone());
            quorum.close();
            Throwable error = failureOf(deployment);
            ApplicationId app = submittedSince(before);

            String diagnostic = "Could not connect to ZooKeeper at " + address + " ('high-availability.zookeeper.quorum')";
            assertThat(error).isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageStartingWith("Application " + app + " failed: " + diagnostic)
                    .hasMessageNotContaining("\n");
            assertFailedAfterOneAttemptLeavingNoZnodes(app, diagnostic);
        }
    }

    @Test
    void aStorageDirOnAHostTheApplicationMasterCannotResolveFailsTheApplicationAtOnceNamingKeyAndHost()
            throws Exception {
        // The client's Hadoop configuration knows the name service "spindle-ns"; the cluster's does not.
        org.apache.hadoop.conf.Configuration clientConf = new org.apache.hadoop.conf.Configuration(CLUSTER.hadoopConf());
        clientConf.set("dfs.nameservices", "spindle-ns");
        clientConf.set("dfs.ha.namenodes.spindle-ns", "nn1");
        clientConf.set("dfs.namenode.rpc-address.spindle-ns.nn1",
                CLUSTER.hdfsUri().getHost() + ":" + CLUSTER.hdfsUri().getPort());
        clientConf.set("dfs.client.failover.proxy.provider.spindle-ns",
                "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider");
        String storageDir = "hdfs://spindle-ns/spindle/ha";
        assertThat(new org.apache.hadoop.fs.Path(storageDir).getFileSystem(clientConf).exists(new org.apache.hadoop.fs.Path("/")))
                .as("the storageDir is usable from the client").isTrue();
        try (YarnClusterDeployer deployer = deployer(clientConf)) {
            Map<String, String> values = values();
            values.put("high-availability.storageDir", storageDir);
            Set<ApplicationId> before = applications();

            Throwable error = failureOf(deployAsync(deployer, values));
            ApplicationId app = submittedSince(before);

            String diagnostic = "'high-availability.storageDir' (" + storageDir + ") is unusable: unknown host spindle-ns";
            assertThat(error).isInstanceOf(ClusterDeploymentException.class)
                    .hasMessage("Application " + app + " failed: " + diagnostic);
            assertFailedAfterOneAttemptLeavingNoZnodes(app, diagnostic);
        }
    }
}
