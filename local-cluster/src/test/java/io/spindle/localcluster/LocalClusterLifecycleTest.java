package io.spindle.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starts {@link LocalClusterMain} in a child JVM, as the script does, uses the cluster only
 * through the files it writes (hadoop-conf/, conf/config.yaml) with plain clients, then stops it.
 */
class LocalClusterLifecycleTest {

    @RegisterExtension
    final ChildCluster child = new ChildCluster();
    private final Path dir = child.dir();

    @Test
    void startsAClusterThatPlainClientsCanUseAndStopLeavesNothingBehind() throws Exception {
        Process cluster = child.startAndAwaitReady("--node-managers", "2");
        Map<String, String> spindleConf = ChildCluster.readFlatYaml(dir.resolve("conf/config.yaml"));
        Configuration hadoopConf = ChildCluster.hadoopConf(dir.resolve("hadoop-conf"));

        // YARN: both NodeManagers registered; a container finds JAVA_HOME and logs under DIR.
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(new YarnConfiguration(hadoopConf));
            yarn.start();
            List<NodeReport> nodes = yarn.getNodeReports(NodeState.RUNNING);
            assertThat(nodes).hasSize(2);
            assertThat(nodes).allSatisfy(n -> assertThat(n.getCapability().getMemorySize()).isEqualTo(4096));
            runJavaVersionContainer(yarn);
        }
        assertThat(containerStderrFiles()).as("container stderr files under " + dir)
                .anySatisfy(f -> assertThat(f).content().contains("version \""));

        // HDFS: fs.defaultFS reaches it; the HA storage folder exists and is the configured one.
        try (FileSystem fs = FileSystem.newInstance(URI.create(hadoopConf.get("fs.defaultFS")), hadoopConf)) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/lifecycle-test/hello.txt");
            try (FSDataOutputStream out = fs.create(file)) {
                out.write("hello, local cluster".getBytes(StandardCharsets.UTF_8));
            }
            try (FSDataInputStream in = fs.open(file)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello, local cluster");
            }
            assertThat(spindleConf.get("high-availability.storageDir"))
                    .isEqualTo(hadoopConf.get("fs.defaultFS") + "/spindle/ha");
            assertThat(fs.getFileStatus(new org.apache.hadoop.fs.Path(spindleConf.get("high-availability.storageDir")))
                    .isDirectory()).isTrue();
        }

        // ZooKeeper: the quorum of config.yaml answers.
        assertThat(spindleConf).containsEntry("high-availability.type", "zookeeper")
                .containsEntry("taskmanager.numberOfTaskSlots", "2");
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(
                spindleConf.get("high-availability.zookeeper.quorum"), 10_000, 5_000, new RetryNTimes(3, 200))) {
            zk.start();
            assertThat(zk.blockUntilConnected(15, TimeUnit.SECONDS)).isTrue();
            zk.create().creatingParentsIfNeeded().forPath("/lifecycle-test/node", "x".getBytes(StandardCharsets.UTF_8));
            assertThat(zk.getData().forPath("/lifecycle-test/node")).asString(StandardCharsets.UTF_8).isEqualTo("x");
        }
        assertThat(dir.resolve("conf/log4j2.xml")).exists();

        // status, a second start, stop.
        CommandResult status = CommandResult.run("status", "--dir", dir.toString());
        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.out()).contains("running in " + dir + " (pid " + cluster.pid() + ")")
                .contains(spindleConf.get("high-availability.zookeeper.quorum"))
                .contains("export HADOOP_CONF_DIR=" + dir.resolve("hadoop-conf"));
        CommandResult again = CommandResult.run("prepare", "--dir", dir.toString());
        assertThat(again.exitCode()).as(again.describe()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("Error: a local cluster is already running in " + dir
                + " (pid " + cluster.pid() + ")\n");

        List<ProcessHandle> processes = new ArrayList<>(cluster.descendants().toList());
        long t0 = System.nanoTime();
        CommandResult stop = CommandResult.run("stop", "--dir", dir.toString(), "--timeout", "30");
        long stopMillis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.out()).isEqualTo("Stopped the local cluster (pid " + cluster.pid() + ") and deleted " + dir + ".\n");
        assertThat(cluster.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cluster.exitValue()).as("exit after SIGTERM, not SIGKILL").isEqualTo(143);
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(dir).doesNotExist();
        assertThat(stopMillis).as("stop took %d ms", stopMillis).isLessThan(30_000);
    }

    /** Submits an AM that only runs {@code $JAVA_HOME/bin/java -version} (JAVA_HOME from the NodeManager). */
    private static void runJavaVersionContainer(YarnClient yarn) throws Exception {
        YarnClientApplication app = yarn.createApplication();
        ApplicationSubmissionContext context = app.getApplicationSubmissionContext();
        ApplicationId id = context.getApplicationId();
        context.setApplicationName("java-version");
        context.setMaxAppAttempts(1);
        context.setResource(Resource.newInstance(128, 1));
        context.setAMContainerSpec(ContainerLaunchContext.newInstance(Map.of(), Map.of(),
                List.of(Environment.JAVA_HOME.$$() + "/bin/java -version 1><LOG_DIR>/stdout 2><LOG_DIR>/stderr"),
                null, null, null));
        yarn.submitApplication(context);
        await("application " + id + " ended").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED,
                        YarnApplicationState.KILLED).contains(yarn.getApplicationReport(id).getYarnApplicationState()));
    }

    private List<Path> containerStderrFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("yarn"))) {
            return files.filter(f -> f.getFileName().toString().equals("stderr")).collect(Collectors.toList());
        }
    }
}
