package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.yarn.client.FakeApplicationMaster;
import io.spindle.yarn.client.TestNodeClasspath;
import io.spindle.yarn.client.YarnClusterDeployerTestSupport;
import io.spindle.yarn.client.YarnPropertiesFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code yarn-session.sh} against a MiniYARNCluster, with {@link FakeApplicationMaster} as the AM. */
class YarnSessionCliTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withHdfs()
            .withYarn(1)
            .build();

    @TempDir
    Path tmp;

    private record Result(int exitCode, String out, String err) {}

    private Result run(String stdin, String... args) throws Exception {
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(confDir.resolve("config.yaml"),
                "jobmanager.memory.process.size: 256m\ntaskmanager.memory.process.size: 512m\n"
                        + "high-availability.type: zookeeper\nhigh-availability.zookeeper.quorum: "
                        + CLUSTER.zooKeeperConnectString() + "\n"
                        + "high-availability.storageDir: hdfs:///spindle/ha\n"
                        + "yarn.properties-file.location: " + tmp + "\n"
                        + "yarn.container.node-classpath: \"" + TestNodeClasspath.of(CLUSTER.hadoopConfDir()) + "\"\n");
        Map<String, String> env = Map.of("HADOOP_CONF_DIR", CLUSTER.hadoopConfDir().toString());
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        YarnSessionCli cli = new YarnSessionCli(env::get, in, b -> b
                .containerJavaHome(System.getProperty("java.home"))
                .amMainClass(FakeApplicationMaster.class.getName())
                .readyTimeout(Duration.ofSeconds(60))
                .stopTimeout(Duration.ofSeconds(30))
                .rmConnectTimeout(Duration.ofSeconds(10))
                .preflightTimeout(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100)));
        CommandLine cmd = YarnSessionCli.commandLine(cli);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--conf-dir");
        all.add(confDir.toString());
        int code = cmd.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private YarnPropertiesFile propertiesFile() {
        return YarnPropertiesFile.forConfiguration(Configuration.fromMap(
                Map.of("yarn.properties-file.location", tmp.toString())));
    }

    @Test
    void detachedSessionIsRecordedAndStoppedByTypingStopWhenAttached() throws Exception {
        Result started = run("", "-d", "-nm", "cli session", "-jm", "256", "-tm", "512m", "-s", "2",
                "-D", "yarn.tags=from-cli");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("is ready.", "Web interface: http://", "Detached");

        Optional<YarnPropertiesFile.Content> recorded = propertiesFile().read();
        assertThat(recorded).isPresent();
        ApplicationId appId = recorded.get().parsedApplicationId();
        try {
            assertThat(recorded.get().dynamicProperties())
                    .containsEntry("yarn.tags", "from-cli")
                    .containsEntry("yarn.application.name", "cli session")
                    .containsEntry("jobmanager.memory.process.size", "256m")
                    .containsEntry("taskmanager.numberOfTaskSlots", "2");
            ApplicationReport report = CLUSTER.yarnClient().getApplicationReport(appId);
            assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.RUNNING);
            assertThat(report.getName()).isEqualTo("cli session");

            Result stopped = run("stop\n", "-id", appId.toString());
            assertThat(stopped.exitCode()).as(stopped.err()).isZero();
            assertThat(stopped.out()).contains("Attached to " + appId, "Asked the cluster " + appId);
            assertThat(CLUSTER.yarnClient().getApplicationReport(appId).getYarnApplicationState())
                    .isEqualTo(YarnApplicationState.FINISHED);
            assertThat(propertiesFile().read()).as("removed when the session is stopped").isEmpty();
        } finally {
            YarnClusterDeployerTestSupport.killAndAwaitTerminal(CLUSTER, appId);
        }
    }

    @Test
    void badArgumentsExitWithOneErrorLineAndCode1() throws Exception {
        Result badMemory = run("", "-d", "-jm", "lots");
        assertThat(badMemory.exitCode()).isEqualTo(1);
        assertThat(badMemory.err().strip()).startsWith("Error: ").contains("-jm").doesNotContain("\n");

        Result unknownOption = run("", "--no-such-option");
        assertThat(unknownOption.exitCode()).isEqualTo(1);
        assertThat(unknownOption.err().strip()).startsWith("Error: ").doesNotContain("\n");

        Result badId = run("", "-id", "not-an-id");
        assertThat(badId.exitCode()).isEqualTo(1);
        assertThat(badId.err().strip()).startsWith("Error: ").contains("not-an-id").doesNotContain("\n");
    }

    @Test
    void unknownQueueIsAConfigurationErrorAndUnknownApplicationAServiceError() throws Exception {
        List<ApplicationReport> before = CLUSTER.yarnClient().getApplications();
        Result queue = run("", "-d", "-qu", "nosuchqueue");
        assertThat(queue.exitCode()).isEqualTo(1);
        assertThat(queue.err().strip()).startsWith("Error: ").contains("nosuchqueue", "yarn.application.queue")
                .doesNotContain("\n");
        assertThat(CLUSTER.yarnClient().getApplications()).hasSameSizeAs(before);

        Result unknownApp = run("", "-d", "-id", "application_1_0001");
        assertThat(unknownApp.exitCode()).isEqualTo(3);
        assertThat(unknownApp.err().strip()).startsWith("Error: ").contains("application_1_0001").doesNotContain("\n");
        assertThat(propertiesFile().read()).isEmpty();
    }

    @Test
    void badHighAvailabilityInputFailsBeforeAnythingIsCreatedWithTheDocumentedExitCodes() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<ApplicationReport> before = CLUSTER.yarnClient().getApplications();

        Result quorum = run("", "-d", "-D", "high-availability.zookeeper.quorum=zk1:notaport");
        assertThat(quorum.exitCode()).as(quorum.err()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(quorum.err().strip()).isEqualTo("Error: Invalid value 'zk1:notaport' for key"
                + " 'high-availability.zookeeper.quorum': entry 'zk1:notaport' (port 'notaport' is not a number);"
                + " expected host:port[,host:port...]");

        Result unreachable = run("", "-d", "-D", "high-availability.zookeeper.quorum=127.0.0.1:" + closedPort);
        assertThat(unreachable.exitCode()).as(unreachable.err()).isEqualTo(ExitCodes.SERVICE_FAILURE);
        assertThat(unreachable.err().strip()).isEqualTo("Error: Cannot reach ZooKeeper at 127.0.0.1:" + closedPort
                + " ('high-availability.zookeeper.quorum') within 3 s: start ZooKeeper or fix the key");

        Result storage = run("", "-d", "-D", "high-availability.storageDir=hdfs://nowhere.invalid:1/x");
        assertThat(storage.exitCode()).as(storage.err()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(storage.err().strip()).isEqualTo(
                "Error: Unknown host nowhere.invalid:1 in 'high-availability.storageDir' hdfs://nowhere.invalid:1/x");

        assertThat(CLUSTER.yarnClient().getApplications()).as("no application").hasSameSizeAs(before);
        assertThat(propertiesFile().read()).isEmpty();
        org.apache.hadoop.fs.Path stagingRoot = io.spindle.yarn.client.StagingDirectory.stagingRoot(CLUSTER.fileSystem());
        assertThat(CLUSTER.fileSystem().exists(stagingRoot) ? CLUSTER.fileSystem().listStatus(stagingRoot).length : 0)
                .as("no staging dir").isZero();
        try (org.apache.curator.framework.CuratorFramework zk = org.apache.curator.framework.CuratorFrameworkFactory
                .newClient(CLUSTER.zooKeeperConnectString(), new org.apache.curator.retry.RetryOneTime(100))) {
            zk.start();
            assertThat(zk.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(zk.checkExists().forPath("/spindle")).as("no znode").isNull();
        }
    }

    @Test
    void aKilledSessionFoundThroughThePropertiesFileIsReportedAsEnded() throws Exception {
        Result started = run("", "-d");
        assertThat(started.exitCode()).as(started.err()).isZero();
        ApplicationId appId = propertiesFile().read().orElseThrow().parsedApplicationId();
        try {
            CLUSTER.yarnClient().killApplication(appId);
            io.spindle.testing.YarnApps.awaitTerminal(CLUSTER.yarnClient(), appId, Duration.ofSeconds(60));
            Configuration conf = Configuration.fromMap(Map.of(
                    "high-availability.type", "zookeeper",
                    "high-availability.zookeeper.quorum", CLUSTER.zooKeeperConnectString(),
                    "yarn.properties-file.location", tmp.toString()));
            YarnApplicationLocator locator = new YarnApplicationLocator(conf, true, CLUSTER::hadoopConf);
            org.assertj.core.api.Assertions.assertThatThrownBy(locator::leaderRestUrl)
                    .isInstanceOf(YarnApplicationLocator.ApplicationEndedException.class)
                    .hasMessage("Application " + appId + " (from " + propertiesFile().path() + ") has ended: KILLED");
            assertThat(ExitCodes.of(new YarnApplicationLocator.ApplicationEndedException("x")))
                    .isEqualTo(ExitCodes.SERVICE_FAILURE);
        } finally {
            YarnClusterDeployerTestSupport.killAndAwaitTerminal(CLUSTER, appId);
        }
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Result help = run("", "-h");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("-d, --detached", "-id, --applicationId", "-nm, --name", "-qu, --queue",
                "-jm", "-tm", "-s, --slots", "-D", "--conf-dir");
    }
}
