package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.examples.counting.CountingJob;
import io.spindle.testing.ClassJars;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.StagedJob;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer against a MiniYARNCluster on a MiniDFSCluster, with {@link FakeApplicationMaster}
 * in place of the real ApplicationMaster (the test JVM's classpath serves as the AM's).
 */
class YarnClusterDeployerTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withHdfs()
            .withYarn(1)
            // several AMs at once (the default lets AMs use 10% of the 4 GB NodeManager)
            .withHadoopConfig("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0")
            .build();

    private static final Duration AM_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(3);
    /** Every preflight failure must come well within this, retries of the Hadoop client included. */
    private static final Duration FAST = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    private final List<String> console = Collections.synchronizedList(new ArrayList<>());

    // ------------------------------------------------------------------ helpers

    private YarnClusterDeployer deployer(UnaryOperator<YarnClusterDeployer.Builder> settings) throws Exception {
        return deployer(CLUSTER.hadoopConf(), settings);
    }

    private YarnClusterDeployer deployer(org.apache.hadoop.conf.Configuration conf,
            UnaryOperator<YarnClusterDeployer.Builder> settings) throws Exception {
        return settings.apply(YarnClusterDeployer.builder(conf)
                        .containerJavaHome(System.getProperty("java.home"))
                        .amMainClass(FakeApplicationMaster.class.getName())
                        .readyTimeout(AM_TIMEOUT)
                        .stopTimeout(Duration.ofSeconds(30))
                        .rmConnectTimeout(Duration.ofSeconds(10))
                        .preflightTimeout(PREFLIGHT_TIMEOUT)
                        .pollInterval(Duration.ofMillis(100))
                        .console(console::add))
                .build();
    }

    private static Configuration config(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put("jobmanager.memory.process.size", "256m");
        map.put("taskmanager.memory.process.size", "512m");
        // The fake AM never connects to ZooKeeper; the client's preflight does.
        map.put("high-availability.type", "zookeeper");
        map.put("high-availability.zookeeper.quorum", CLUSTER.zooKeeperConnectString());
        map.put("high-availability.storageDir", "hdfs:///spindle/ha");
        map.put("yarn.container.node-classpath", TestNodeClasspath.of(CLUSTER.hadoopConfDir()));
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Configuration.fromMap(map);
    }

    private static Set<ApplicationId> applications() throws Exception {
        return CLUSTER.yarnClient().getApplications().stream()
                .map(ApplicationReport::getApplicationId)
                .collect(Collectors.toSet());
    }

    private static Set<String> stagingDirs() throws IOException {
        FileSystem fs = CLUSTER.fileSystem();
        org.apache.hadoop.fs.Path root = StagingDirectory.stagingRoot(fs);
        if (!fs.exists(root)) {
            return Set.of();
        }
        return java.util.Arrays.stream(fs.listStatus(root))
                .map(s -> s.getPath().getName())
                .collect(Collectors.toSet());
    }

    /** What exists below the root of all clusters in ZooKeeper ({@code /spindle}), or nothing. */
    private static List<String> znodes() throws Exception {
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(),
                new RetryOneTime(100))) {
            zk.start();
            assertThat(zk.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            return zk.checkExists().forPath(ZK_ROOT) == null ? List.of() : zk.getChildren().forPath(ZK_ROOT);
        }
    }

    private static final String ZK_ROOT = "/spindle";

    /**
     * Runs {@code action}, expects it to fail within {@link #FAST}, and checks that no application,
     * no znode and no staging dir was left.
     */
    private Throwable failsWithoutTrace(ThrowingAction action) throws Exception {
        Set<ApplicationId> appsBefore = applications();
        Set<String> stagingBefore = stagingDirs();
        List<String> znodesBefore = znodes();
        long start = System.nanoTime();
        Throwable thrown = null;
        try {
            action.run();
        } catch (Exception e) {
            thrown = e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).as("the deployment must fail").isNotNull();
        assertThat(thrown.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\r");
        assertThat(took).as("fails fast").isLessThan(FAST);
        assertThat(applications()).as("no new application").isEqualTo(appsBefore);
        assertThat(stagingDirs()).as("no new staging dir").isEqualTo(stagingBefore);
        assertThat(znodes()).as("no new znode").isEqualTo(znodesBefore);
        return thrown;
    }

    /** {@link #failsWithoutTrace} of a session deployment with {@code keyValues} over {@link #config}. */
    private Throwable sessionFailsWithoutTrace(String... keyValues) throws Exception {
        try (YarnClusterDeployer deployer = deployer(b -> b)) {
            return failsWithoutTrace(() -> deployer.deploySession(config(keyValues)));
        }
    }

    private interface ThrowingAction {
        void run() throws Exception;
    }

    /** A jar holding {@link AcceptingJob} (and a text file). */
    private Path jobJar(String name) throws IOException {
        Path jar = tmp.resolve(name);
        String entry = AcceptingJob.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                InputStream clazz = AcceptingJob.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new java.util.zip.ZipEntry(entry));
            clazz.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private static JobDescription job(Path jar) {
        return job(jar, AcceptingJob.class.getName(), List.of("--in", "a \"b\""));
    }

    private static JobDescription job(Path jar, String entryClass, List<String> arguments) {
        return new JobDescription(jar, entryClass, arguments, 2, "wordcount");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String permission(org.apache.hadoop.fs.Path path) throws IOException {
        return String.format("%o", CLUSTER.fileSystem().getFileStatus(path).getPermission().toShort());
    }

    private static ApplicationSubmissionContext submissionContext(ApplicationId appId) {
        return CLUSTER.yarnCluster().getResourceManager().getRMContext().getRMApps().get(appId)
                .getApplicationSubmissionContext();
    }

    // ------------------------------------------------------------------ preflight

    @Test
    void unknownQueueFailsBeforeAnythingIsCreated() throws Exception {
        Throwable e = sessionFailsWithoutTrace("yarn.application.queue", "nosuchqueue");
        assertThat(e).isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'nosuchqueue'")
                .hasMessageContaining("yarn.application.queue");
    }

    @Test
    void jobManagerMemoryAboveMaximumAllocationFailsBeforeAnythingIsCreated() throws Exception {
        Throwable e = sessionFailsWithoutTrace("jobmanager.memory.process.size", "8g");
        assertThat(e).isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("jobmanager.memory.process.size: 8192 MB")
                .hasMessageContaining("4096 MB")
                .hasMessageContaining(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB);
    }

    @Test
    void taskManagerMemoryAboveMaximumAllocationNamesItsKey() throws Exception {
        Throwable e = sessionFailsWithoutTrace("taskmanager.memory.process.size", "5000m");
        assertThat(e).hasMessageContaining("taskmanager.memory.process.size: 5000 MB");
    }

    @Test
    void unreachableResourceManagerFailsWithinTheBoundNamingAddressAndKey() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        org.apache.hadoop.conf.Configuration conf = CLUSTER.hadoopConf();
        conf.set(YarnConfiguration.RM_ADDRESS, "localhost:" + closedPort);
        try (YarnClusterDeployer deployer = deployer(conf, b -> b.rmConnectTimeout(Duration.ofSeconds(5)))) {
            long start = System.nanoTime();
            Throwable e = failsWithoutTrace(() -> deployer.deploySession(config()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e).isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageContaining("localhost:" + closedPort)
                    .hasMessageContaining("yarn.resourcemanager.address");
            assertThat(took).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void missingHighAvailabilitySettingsFailBeforeAnythingIsCreated() throws Exception {
        assertThat(sessionFailsWithoutTrace("high-availability.type", "none"))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("high-availability.type: zookeeper");
        assertThat(sessionFailsWithoutTrace("high-availability.zookeeper.quorum", ""))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("high-availability.zookeeper.quorum");
        assertThat(sessionFailsWithoutTrace("high-availability.storageDir", ""))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("high-availability.storageDir");
    }

    @Test
    void missingOrBrokenUserJarFailsBeforeAnythingIsCreated() throws Exception {
        Path missing = tmp.resolve("no-such-job.jar");
        Path notAJar = Files.writeString(tmp.resolve("text.jar"), "not a zip");
        try (YarnClusterDeployer deployer = deployer(b -> b)) {
            Throwable e = failsWithoutTrace(() -> deployer.deployPerJob(config(), job(missing)));
            assertThat(e).isInstanceOf(IllegalConfigurationException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("does not exist");
            Throwable e2 = failsWithoutTrace(() -> deployer.deployPerJob(config(), job(notAJar)));
            assertThat(e2).isInstanceOf(IllegalConfigurationException.class)
                    .hasMessageContaining(notAJar.toString())
                    .hasMessageContaining("not a jar");
        }
    }

    @Test
    void missingProvidedLibDirFailsBeforeAnythingIsCreated() throws Exception {
        Throwable e = sessionFailsWithoutTrace("yarn.provided.lib.dirs", "hdfs:///no/such/lib");
        assertThat(e).hasMessageContaining("hdfs:///no/such/lib").hasMessageContaining("yarn.provided.lib.dirs");
    }

    @Test
    void malformedQuorumNamesTheKeyAndTheEntry() throws Exception {
        Throwable e = sessionFailsWithoutTrace("high-availability.zookeeper.quorum", "zk1:notaport");
        assertThat(e).isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'high-availability.zookeeper.quorum'")
                .hasMessageContaining("'zk1:notaport' (port 'notaport' is not a number)");
    }

    @Test
    void unreachableQuorumFailsWithinTheBoundNamingHostsAndKey() throws Exception {
        String quorum = "127.0.0.1:" + closedPort();
        Throwable e = sessionFailsWithoutTrace("high-availability.zookeeper.quorum", quorum);
        assertThat(e).isInstanceOf(ClusterDeploymentException.class)
                .hasMessage("Cannot reach ZooKeeper at " + quorum + " ('high-availability.zookeeper.quorum')"
                        + " within 3 s: start ZooKeeper or fix the key");
    }

    @Test
    void storageDirOnAnUnknownHostNamesTheKeyAndTheHost() throws Exception {
        Throwable e = sessionFailsWithoutTrace("high-availability.storageDir", "hdfs://nowhere.invalid:1/x");
        assertThat(e).isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Unknown host nowhere.invalid:1 in 'high-availability.storageDir' hdfs://nowhere.invalid:1/x");
    }

    @Test
    void storageDirOnAClosedPortIsAServiceFailureNamingTheKeyAndTheHost() throws Exception {
        String storageDir = "hdfs://127.0.0.1:" + closedPort() + "/x";
        Throwable e = sessionFailsWithoutTrace("high-availability.storageDir", storageDir);
        assertThat(e).isInstanceOf(ClusterDeploymentException.class)
                .hasMessageStartingWith("Cannot reach 'high-availability.storageDir' " + storageDir + " (host 127.0.0.1:");
    }

    @Test
    void storageDirBelowAFileIsRefused() throws Exception {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/preflight-file");
        CLUSTER.fileSystem().create(file, true).close();
        try {
            Throwable e = sessionFailsWithoutTrace("high-availability.storageDir", "hdfs:///preflight-file/ha");
            assertThat(e).isInstanceOf(IllegalConfigurationException.class)
                    .hasMessageContaining("'high-availability.storageDir' hdfs:///preflight-file/ha cannot be created")
                    .hasMessageContaining("preflight-file is a file");
        } finally {
            CLUSTER.fileSystem().delete(file, false);
        }
    }

    @Test
    void entryClassThatIsNoJobOrMissingFailsBeforeAnythingIsCreated() throws Exception {
        Path userJar = jobJar("job.jar");
        try (YarnClusterDeployer deployer = deployer(b -> b)) {
            Throwable notAJob = failsWithoutTrace(() -> deployer.deployPerJob(config(),
                    job(userJar, "java.lang.String", List.of())));
            assertThat(notAJob).isInstanceOf(IllegalConfigurationException.class)
                    .hasMessage("Class java.lang.String does not implement io.spindle.api.Job");
            Throwable missing = failsWithoutTrace(() -> deployer.deployPerJob(config(),
                    job(userJar, "com.example.Missing", List.of())));
            assertThat(missing).isInstanceOf(IllegalConfigurationException.class)
                    .hasMessage("Class com.example.Missing not found in the job jar");
        }
    }

    @Test
    void theJobsOwnArgumentValidationRunsOnTheClient() throws Exception {
        Path examples = ClassJars.jarContaining(CountingJob.class, tmp);
        try (YarnClusterDeployer deployer = deployer(b -> b)) {
            Throwable e = failsWithoutTrace(() -> deployer.deployPerJob(config(),
                    job(examples, CountingJob.class.getName(), List.of("--count", "3"))));
            assertThat(e).isInstanceOf(IllegalConfigurationException.class)
                    .hasMessageStartingWith("Invalid job arguments: ")
                    .hasMessageContaining("--output");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ------------------------------------------------------------------ deployments

    @Test
    void sessionBecomesReadyIsStagedPrivatelyAndStopsThroughItsRestEndpoint() throws Exception {
        try (YarnClusterDeployer deployer = deployer(b -> b)) {
            ClusterHandle handle = deployer.deploySession(config(
                    "yarn.application.name", "my session",
                    "yarn.tags", "team-a,nightly",
                    FakeApplicationMaster.ECHO_KEY, "a: \"b\" # c"));
            ApplicationId appId = handle.applicationId();
            try {
                assertThat(handle.restUrl()).startsWith("http://");
                assertThat(console).anySatisfy(line ->
                        assertThat(line).matches("Waiting for the ApplicationMaster: [A-Z_]+ \\(\\d+\\.\\d s\\)"));
                assertThat(console).contains("Web interface: " + handle.restUrl());
                assertThat(console).anySatisfy(line -> assertThat(line)
                        .contains("yarn application -kill " + appId)
                        .contains("echo stop | yarn-session.sh -id " + appId));

                // What YARN got.
                ApplicationReport report = CLUSTER.yarnClient().getApplicationReport(appId);
                assertThat(report.getName()).isEqualTo("my session");
                assertThat(report.getApplicationType()).isEqualTo("Spindle");
                assertThat(report.getQueue()).isIn("default", "root.default");
                assertThat(report.getApplicationTags()).containsExactlyInAnyOrder("team-a", "nightly");
                ApplicationSubmissionContext ctx = submissionContext(appId);
                assertThat(ctx.getMaxAppAttempts()).as("default with HA").isEqualTo(2);
                assertThat(ctx.getKeepContainersAcrossApplicationAttempts()).isTrue();
                assertThat(ctx.getAttemptFailuresValidityInterval()).isEqualTo(600_000L);
                assertThat(ctx.getResource().getMemorySize()).isEqualTo(256);

                // The staging dir: 0700 dirs, 0600 files, no lib/ (classpath override).
                FileSystem fs = CLUSTER.fileSystem();
                org.apache.hadoop.fs.Path staging = StagingDirectory.pathOf(fs, appId.toString());
                assertThat(permission(staging)).isEqualTo("700");
                assertThat(permission(new org.apache.hadoop.fs.Path(staging, "conf"))).isEqualTo("700");
                assertThat(permission(new org.apache.hadoop.fs.Path(staging, AmLaunchContract.CONFIG_FILE))).isEqualTo("600");
                assertThat(permission(new org.apache.hadoop.fs.Path(staging, AmLaunchContract.LOG4J_FILE))).isEqualTo("600");
                assertThat(fs.exists(new org.apache.hadoop.fs.Path(staging, AmLaunchContract.LIB_DIR))).isFalse();

                // What the AM saw in its container.
                String overview = get(handle.restUrl() + "/v1/overview");
                assertThat(overview)
                        .contains("\"leader\":true")
                        .contains("\"conf/config.yaml\"", "\"conf/log4j2.xml\"")
                        .contains(AmLaunchContract.ENV_CLUSTER_MODE + "=session")
                        .contains(AmLaunchContract.ENV_STAGING_DIR + "=" + staging)
                        .contains(AmLaunchContract.ENV_PROVIDED_LIB_DIRS + "=null")
                        .contains("\"echo\":[\"a: \\\"b\\\" # c\"]");

                ClusterHandle attached = deployer.attach(appId);
                assertThat(attached).isEqualTo(handle);

                assertThat(deployer.stop(appId)).isEqualTo(YarnApplicationState.FINISHED);
            } finally {
                YarnClusterDeployerTestSupport.killAndAwaitTerminal(CLUSTER, appId);
            }
            assertThatThrownBy(() -> deployer.attach(appId))
                    .isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageContaining("is not running");
        }
    }

    @Test
    void perJobClusterStagesTheJobAndIsKilledWhenItIgnoresTheShutdownRequest() throws Exception {
        Path userJar = jobJar("job.jar");
        try (YarnClusterDeployer deployer = deployer(b -> b.stopTimeout(Duration.ofSeconds(3)))) {
            ClusterHandle handle = deployer.deployPerJob(config(
                    FakeApplicationMaster.BEHAVIOUR_KEY, "ignore-shutdown"), job(userJar));
            ApplicationId appId = handle.applicationId();
            FileSystem fs = CLUSTER.fileSystem();
            org.apache.hadoop.fs.Path staging = StagingDirectory.pathOf(fs, appId.toString());
            try {
                assertThat(submissionContext(appId).getMaxAppAttempts()).as("default with HA").isEqualTo(2);
                assertThat(report(appId).getName()).isEqualTo("Spindle: wordcount");
                org.apache.hadoop.fs.Path stagedJar = new org.apache.hadoop.fs.Path(staging, AmLaunchContract.USER_JAR);
                org.apache.hadoop.fs.Path props = new org.apache.hadoop.fs.Path(staging, AmLaunchContract.JOB_PROPERTIES);
                assertThat(permission(new org.apache.hadoop.fs.Path(staging, "usrlib"))).isEqualTo("700");
                assertThat(permission(stagedJar)).isEqualTo("600");
                assertThat(permission(props)).isEqualTo("600");
                FileStatus jarStatus = fs.getFileStatus(stagedJar);
                assertThat(jarStatus.getLen()).isEqualTo(Files.size(userJar));
                StagedJob job;
                try (InputStream in = fs.open(props)) {
                    job = StagedJob.decode(in, props.toString());
                }
                assertThat(job).isEqualTo(new StagedJob(AcceptingJob.class.getName(), List.of("--in", "a \"b\""), 2, "wordcount"));
                assertThat(get(handle.restUrl() + "/v1/overview"))
                        .contains("\"usrlib/job.jar\"", "\"job.properties\"")
                        .contains(AmLaunchContract.ENV_CLUSTER_MODE + "=per-job");

                assertThat(deployer.stop(appId)).isEqualTo(YarnApplicationState.KILLED);
                assertThat(console).anySatisfy(line -> assertThat(line).contains("killing it"));
                assertThat(fs.exists(staging)).as("the client removes the staging dir of a killed app").isFalse();
            } finally {
                YarnClusterDeployerTestSupport.killAndAwaitTerminal(CLUSTER, appId);
            }
        }
    }

    @Test
    void clusterWithoutLeaderTimesOutAndIsKilledAndUnstaged() throws Exception {
        Set<String> stagingBefore = stagingDirs();
        Set<ApplicationId> appsBefore = applications();
        // Long enough for the AM container to start on a loaded machine (with 8 s, a parallel build
        // once timed out while the application was still ACCEPTED), since the message must say
        // what the running AM reported.
        try (YarnClusterDeployer deployer = deployer(b -> b.readyTimeout(Duration.ofSeconds(20)))) {
            assertThatThrownBy(() -> deployer.deploySession(config(FakeApplicationMaster.BEHAVIOUR_KEY, "no-leader")))
                    .isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageContaining("was not ready within 20 s")
                    .hasMessageContaining("reports no leader");
        }
        Set<ApplicationId> created = applications();
        created.removeAll(appsBefore);
        assertThat(created).hasSize(1);
        ApplicationId appId = created.iterator().next();
        ApplicationReport end = YarnApps.awaitTerminal(CLUSTER.yarnClient(), appId, AM_TIMEOUT);
        assertThat(end.getYarnApplicationState()).isEqualTo(YarnApplicationState.KILLED);
        assertThat(stagingDirs()).isEqualTo(stagingBefore);
    }

    private static ApplicationReport report(ApplicationId appId) throws Exception {
        return CLUSTER.yarnClient().getApplicationReport(appId);
    }
}
