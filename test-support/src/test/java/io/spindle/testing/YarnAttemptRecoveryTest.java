package io.spindle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptReport;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZooKeeper + MiniDFSCluster + MiniYARNCluster through {@link SpindleClusterExtension}: an AM whose
 * first attempt is killed with {@code kill -9} is restarted by YARN, and the second attempt finds
 * what the first wrote to HDFS and ZooKeeper.
 */
class YarnAttemptRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(YarnAttemptRecoveryTest.class);

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withHdfs()
            .withYarn(1)
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Passes through both shells of the container launch unchanged. */
    private static final String MARKER = "it's $HOME \"quoted\" `x` \\ ; & done";

    @Test
    void clusterConfigurationIsWiredTogether() throws Exception {
        YarnConfiguration conf = (YarnConfiguration) CLUSTER.hadoopConf();
        assertThat(conf.get(FileSystem.FS_DEFAULT_NAME_KEY)).isEqualTo(CLUSTER.hdfsUri().toString());
        assertThat(conf.getSocketAddr(YarnConfiguration.RM_ADDRESS, YarnConfiguration.DEFAULT_RM_ADDRESS,
                YarnConfiguration.DEFAULT_RM_PORT).getPort()).isPositive();
        assertThat(CLUSTER.yarnClient().getNodeReports()).hasSize(1);
        assertThat(CLUSTER.hadoopConfDir().resolve("core-site.xml")).content()
                .contains(CLUSTER.hdfsUri().toString());
        assertThat(CLUSTER.hadoopConfDir().resolve("yarn-site.xml")).content()
                .contains(YarnConfiguration.RM_ADDRESS)
                .contains("yarn.scheduler.capacity.root.queues");
        assertThat(CLUSTER.workDir()).isDirectory().endsWith(java.nio.file.Path.of(
                "target", "spindle-it", getClass().getSimpleName()));
        assertThat(io.spindle.minicluster.NodeManagerDirs.logDirs(CLUSTER.yarnCluster()))
                .allSatisfy(dir -> assertThat(dir).startsWith(CLUSTER.workDir()));
    }

    @Test
    void secondAttemptFindsWhatTheKilledFirstAttemptWrote() throws Exception {
        YarnClient yarn = CLUSTER.yarnClient();
        FileSystem fs = CLUSTER.fileSystem();

        ApplicationSubmissionContext app = yarn.createApplication().getApplicationSubmissionContext();
        ApplicationId appId = app.getApplicationId();
        app.setApplicationName("attempt-recovery");
        app.setQueue("default");
        app.setMaxAppAttempts(2);
        app.setKeepContainersAcrossApplicationAttempts(true);
        app.setResource(Resource.newInstance(128, 1));
        app.setAMContainerSpec(JavaContainerLaunch.of(AttemptRecordingAppMaster.class)
                .hadoopConfDir(CLUSTER.hadoopConfDir())
                .args("/spindle-it", CLUSTER.zooKeeperConnectString(), "/spindle-it", MARKER)
                .build());
        yarn.submitApplication(app);
        LOG.info("Submitted {}", appId);

        YarnApps.awaitState(yarn, appId, TIMEOUT, YarnApplicationState.RUNNING);
        ContainerId am1 = YarnApps.awaitAttempt(yarn, appId, 1, TIMEOUT, YarnApplicationAttemptState.RUNNING)
                .getAMContainerId();
        Path appDir = new Path("/spindle-it", appId.toString());
        await("attempt 1 recorded").atMost(TIMEOUT).until(() -> fs.exists(new Path(appDir, "attempt-1")));
        assertThat(read(fs, new Path(appDir, "attempt-1"))).contains("marker=" + MARKER + "\n");

        long pid = ContainerProcesses.awaitPid(CLUSTER.yarnCluster(), am1, TIMEOUT);
        assertThat(ContainerProcesses.pids(CLUSTER.yarnCluster(), appId)).containsEntry(am1, pid);
        List<Long> killed = ContainerProcesses.killJvm(CLUSTER.yarnCluster(), am1, TIMEOUT);
        LOG.info("Killed the JVM of {} (container pid {}): {}", am1, pid, killed);
        assertThat(killed).isNotEmpty().allSatisfy(p -> assertThat(ProcessHandle.of(p)).isEmpty());

        ApplicationReport report = YarnApps.awaitTerminal(yarn, appId, TIMEOUT);
        LOG.info("{} ended: {} {}", appId, report.getYarnApplicationState(), report.getFinalApplicationStatus());
        assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
        assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        List<ApplicationAttemptReport> attempts = YarnApps.attempts(yarn, appId);
        assertThat(attempts).extracting(ApplicationAttemptReport::getYarnApplicationAttemptState)
                .containsExactly(YarnApplicationAttemptState.FAILED, YarnApplicationAttemptState.FINISHED);

        String attempt2 = read(fs, new Path(appDir, "attempt-2"));
        assertThat(attempt2).contains("sawAttempt1File=true", "sawAttempt1Znode=true");
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(),
                new RetryOneTime(100))) {
            zk.start();
            assertThat(zk.getChildren().forPath("/spindle-it/" + appId))
                    .containsExactlyInAnyOrder("attempt-1", "attempt-2");
        }
        assertThat(ContainerLogs.files(CLUSTER.yarnCluster(), appId))
                .anySatisfy(f -> assertThat(f.getFileName()).hasToString("stdout"));
    }

    private static String read(FileSystem fs, Path file) throws Exception {
        try (var in = fs.open(file)) {
            return new String(IOUtils.readFullyToByteArray(in), StandardCharsets.UTF_8);
        }
    }
}
