package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.FakeApplicationMaster;
import io.spindle.yarn.client.StagingDirectory;
import io.spindle.yarn.client.TestNodeClasspath;
import io.spindle.yarn.client.YarnClusterDeployer;
import io.spindle.yarn.client.YarnClusterDeployerTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.spindle.testing.JavaContainerLaunch;
import org.awaitility.Awaitility;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spindle ha gc} on a MiniYARNCluster with HDFS and ZooKeeper: what ended applications left
 * (staging dirs, znodes, storageDir folders) is listed, and removed only with {@code --yes}; a
 * running application's data is never touched; a FAILED application's HA data is kept unless
 * {@code --include-failed}. Sessions run {@link FakeApplicationMaster}; the HA data is written the
 * way a JobManager lays it out.
 */
class HaGcCommandTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withHdfs()
            .withYarn(1)
            .build();

    private static final String STORAGE_DIR = "/spindle/ha";

    @TempDir
    static Path tmp;

    private static YarnClusterDeployer deployer;
    private static CuratorFramework zk;
    private static ApplicationId running;

    @BeforeAll
    static void startARunningSession() throws Exception {
        Files.writeString(Files.createDirectories(tmp.resolve("conf")).resolve("config.yaml"),
                "high-availability.type: zookeeper\n"
                        + "high-availability.zookeeper.quorum: " + CLUSTER.zooKeeperConnectString() + "\n"
                        + "high-availability.storageDir: " + CLUSTER.hdfsUri() + STORAGE_DIR + "\n");
        deployer = YarnClusterDeployer.builder(CLUSTER.hadoopConf())
                .containerJavaHome(System.getProperty("java.home"))
                .amMainClass(FakeApplicationMaster.class.getName())
                .readyTimeout(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .console(line -> { })
                .build();
        zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(), new RetryOneTime(100));
        zk.start();
        running = startSessionWithHaData();
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            YarnClusterDeployerTestSupport.killAndAwaitTerminal(CLUSTER, running);
        }
        zk.close();
        deployer.close();
    }

    @Test
    void withoutYesTheLeftoversOfAKilledSessionAreListedAndNothingIsRemoved() throws Exception {
        ApplicationId killed = startSessionWithHaData();
        kill(killed);

        CliRun r = gc();

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(killed + " KILLED (KILLED)")
                .containsPattern("staging dir " + stagingDir(killed) + " \\(\\d+ files, \\d+ bytes\\): to remove")
                .contains("znode /spindle/" + killed + " (3 znodes, 5 bytes): to remove")
                .containsPattern("storageDir " + storageDir(killed) + " \\(1 files, 8 bytes\\): to remove")
                .contains("Skipped " + running + ": RUNNING, not ended")
                .contains("Nothing was removed; pass --yes");
        assertLeftovers(killed, true, true);
        assertLeftovers(running, true, true);
    }

    @Test
    void withYesAKilledSessionsLeftoversAreRemovedAndARunningSessionIsUntouched() throws Exception {
        ApplicationId killed = startSessionWithHaData();
        kill(killed);

        CliRun r = gc("--yes");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(killed + " KILLED (KILLED)", "): removed")
                .doesNotContain(running + " RUNNING (");
        assertLeftovers(killed, false, false);
        assertLeftovers(running, true, true);

        CliRun again = gc("--yes");
        assertThat(again.out()).doesNotContain(killed.toString());
    }

    @Test
    void aFailedApplicationsHaDataIsKeptUnlessIncludeFailed() throws Exception {
        ApplicationId failed = submitFailingApplication();
        writeLeftovers(failed);

        CliRun kept = gc("--yes");

        assertThat(kept.exitCode()).as(kept.err()).isZero();
        assertThat(kept.out()).contains(failed + " FAILED (FAILED)")
                .containsPattern("staging dir " + stagingDir(failed) + " .*: removed")
                .contains("znode /spindle/" + failed + " (3 znodes, 5 bytes): kept (FAILED: a resubmission");
        assertLeftovers(failed, false, true);

        CliRun removed = gc("--yes", "--include-failed");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("znode /spindle/" + failed + " (3 znodes, 5 bytes): removed");
        assertLeftovers(failed, false, false);
        assertLeftovers(running, true, true);
    }

    @Test
    void ctrlCWhileYarnSessionWaitsForItsJobManagerKillsTheApplicationAndRemovesItsStagingDir() throws Exception {
        Path confDir = Files.createDirectories(tmp.resolve("ctrl-c-conf"));
        Files.writeString(confDir.resolve("config.yaml"), Files.readString(tmp.resolve("conf/config.yaml"))
                + "jobmanager.memory.process.size: 256m\n"
                + "yarn.container.node-classpath: \"" + TestNodeClasspath.of(CLUSTER.hadoopConfDir()) + "\"\n"
                + "yarn.properties-file.location: " + tmp + "\n"
                + FakeApplicationMaster.BEHAVIOUR_KEY + ": no-leader\n");
        // env resets SIGINT to its default: a build started in the background (e.g. `mvn verify &`) passes it on
        // ignored, and a JVM that starts with SIGINT ignored keeps ignoring it.
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", JavaContainerLaunch.testClasspath(), SessionStartInChildJvm.class.getName(),
                "-d", "--conf-dir", confDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("ctrl-c.out").toFile());
        builder.environment().put("HADOOP_CONF_DIR", CLUSTER.hadoopConfDir().toString());
        Process client = builder.start();
        try {
            Path out = tmp.resolve("ctrl-c.out");
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(out).contains("Waiting for the JobManager leader"));
            Matcher staged = Pattern.compile("Staging files for (application_\\d+_\\d+)").matcher(Files.readString(out));
            assertThat(staged.find()).as(Files.readString(out)).isTrue();
            ApplicationId appId = ApplicationId.fromString(staged.group(1));
            assertThat(CLUSTER.yarnClient().getApplicationReport(appId).getYarnApplicationState())
                    .isEqualTo(YarnApplicationState.RUNNING);
            assertThat(CLUSTER.fileSystem().exists(new org.apache.hadoop.fs.Path(stagingDir(appId)))).isTrue();

            Process sigint = new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).inheritIO().start();
            assertThat(sigint.waitFor()).isZero();

            boolean exited = client.waitFor(60, TimeUnit.SECONDS);
            assertThat(exited).as("client exits on SIGINT; its output:%n%s", Files.readString(out)).isTrue();
            assertThat(YarnApps.awaitTerminal(CLUSTER.yarnClient(), appId, Duration.ofSeconds(60))
                    .getYarnApplicationState()).as(Files.readString(out)).isEqualTo(YarnApplicationState.KILLED);
            assertThat(CLUSTER.fileSystem().exists(new org.apache.hadoop.fs.Path(stagingDir(appId))))
                    .as("staging dir of %s; the client's output:%n%s", appId, Files.readString(out)).isFalse();
        } finally {
            client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static CliRun gc(String... args) {
        HaGcCommand command = new HaGcCommand(Map.of("HADOOP_CONF_DIR", CLUSTER.hadoopConfDir().toString())::get);
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler(new CliErrorHandler());
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--conf-dir", tmp.resolve("conf").toString()));
        return CliRun.of(cli, all.toArray(String[]::new));
    }

    /** A session of {@link FakeApplicationMaster}, with HA data as its JobManager would have written. */
    private static ApplicationId startSessionWithHaData() throws Exception {
        Configuration config = Configuration.fromMap(Map.of(
                "high-availability.type", "zookeeper",
                "high-availability.zookeeper.quorum", CLUSTER.zooKeeperConnectString(),
                "high-availability.storageDir", CLUSTER.hdfsUri() + STORAGE_DIR,
                "jobmanager.memory.process.size", "256m",
                "yarn.container.node-classpath", TestNodeClasspath.of(CLUSTER.hadoopConfDir())));
        ClusterHandle handle = deployer.deploySession(config);
        writeHaData(handle.applicationId());
        return handle.applicationId();
    }

    /** An application whose only attempt exits 1 at once: FAILED, by YARN. */
    private static ApplicationId submitFailingApplication() throws Exception {
        YarnClientApplication app = CLUSTER.yarnClient().createApplication();
        ApplicationSubmissionContext ctx = app.getApplicationSubmissionContext();
        ctx.setApplicationName("failing");
        ctx.setMaxAppAttempts(1);
        ctx.setResource(Resource.newInstance(128, 1));
        ctx.setAMContainerSpec(ContainerLaunchContext.newInstance(null, null, List.of("exit 1"), null, null, null));
        ApplicationId id = ctx.getApplicationId();
        try {
            CLUSTER.yarnClient().submitApplication(ctx);
        } catch (YarnException e) {
            // The client waits to see the application accepted; one that failed before that is refused so.
            assertThat(e).hasMessageContaining("Failed to submit " + id);
        }
        assertThat(YarnApps.awaitTerminal(CLUSTER.yarnClient(), id, Duration.ofSeconds(60)).getYarnApplicationState())
                .isEqualTo(YarnApplicationState.FAILED);
        return id;
    }

    /** A staging dir and HA data, as an AM that crashed on its last attempt leaves them. */
    private static void writeLeftovers(ApplicationId appId) throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(stagingDir(appId), "conf/config.yaml"))) {
            out.write("a: b\n".getBytes(StandardCharsets.UTF_8));
        }
        writeHaData(appId);
    }

    /** {@code /spindle/<appId>/jobgraphs/job-1} (5 bytes) and one 8-byte job graph file. */
    private static void writeHaData(ApplicationId appId) throws Exception {
        zk.create().creatingParentsIfNeeded().forPath("/spindle/" + appId + "/jobgraphs/job-1",
                "v1 ..".getBytes(StandardCharsets.UTF_8));
        try (FSDataOutputStream out = CLUSTER.fileSystem().create(
                new org.apache.hadoop.fs.Path(storageDir(appId), "jobgraphs/job-1-x"))) {
            out.write("jobgraph".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void kill(ApplicationId appId) throws Exception {
        CLUSTER.yarnClient().killApplication(appId);
        YarnApps.awaitTerminal(CLUSTER.yarnClient(), appId, Duration.ofSeconds(60));
    }

    private static void assertLeftovers(ApplicationId appId, boolean staging, boolean haData) throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(stagingDir(appId)))).as("staging dir of " + appId)
                .isEqualTo(staging);
        assertThat(zk.checkExists().forPath("/spindle/" + appId) != null).as("znode of " + appId).isEqualTo(haData);
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(storageDir(appId)))).as("storageDir of " + appId)
                .isEqualTo(haData);
    }

    private static String stagingDir(ApplicationId appId) {
        return StagingDirectory.pathOf(CLUSTER.fileSystem(), appId.toString()).toString();
    }

    private static String storageDir(ApplicationId appId) {
        return CLUSTER.fileSystem().makeQualified(new org.apache.hadoop.fs.Path(STORAGE_DIR, appId.toString()))
                .toString();
    }
}
