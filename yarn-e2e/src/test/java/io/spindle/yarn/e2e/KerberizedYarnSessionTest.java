package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.examples.counting.CountingOutput;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ClassJars;
import io.spindle.testing.ContainerLogs;
import io.spindle.testing.ContainerProcesses;
import io.spindle.yarn.client.ClusterDeploymentException;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.YarnClusterDeployer;
import io.spindle.yarn.common.security.KerberizedHdfs;
import io.spindle.yarn.common.security.KerberosLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.DataInputByteBuffer;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.attempt.RMAppAttemptState;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YARN session on a Kerberized Hadoop cluster ({@link KerberizedYarn}): the client logs in with
 * the user's keytab and puts delegation tokens into the launch context, the ApplicationMaster logs
 * in itself with the shipped keytab and obtains fresh tokens, its TaskExecutors work on delegation
 * tokens alone; the counting job writes exactly once, in a session and in a per-job cluster. ZooKeeper
 * authenticates with Kerberos too (ACL {@code creator}): the AM's znodes carry the user's identity. With short token lifetimes on the NameNode
 * (renew interval 10 s, maximum lifetime 20 s), a session job keeps checkpointing and writing across
 * two maximum lifetimes, because the ApplicationMaster obtains fresh tokens from its keytab and
 * pushes them to the running TaskExecutor; and when the AM is then killed, its launch context's
 * tokens long expired, attempt 2 starts (the ResourceManager, with proxy-user privileges, obtained new
 * tokens for localization), logs in with the keytab and finishes the job exactly once. (Every
 * service logs in as one principal: services in one JVM share Hadoop's login user.) One cluster for
 * all tests, to keep the suite's time in check.
 */
class KerberizedYarnSessionTest {

    @TempDir
    static Path dir;

    private static KerberizedYarn cluster;
    private static final List<String> console = new ArrayList<>();

    /**
     * The NameNode's short token lives, so that renewal is exercised within a test. The AM refreshes
     * at 75 % of the renew interval, so a TaskExecutor has a quarter of it (2.5 s) to receive the new
     * tokens before a fresh HDFS connection would fail: with 6 s, a loaded machine missed it.
     */
    private static final Duration RENEW_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_LIFETIME = Duration.ofSeconds(20);

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KerberizedYarn.start(dir, RENEW_INTERVAL, MAX_LIFETIME);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSessionRunsTheCountingJobExactlyOnceOnDelegationTokens() throws Exception {
        Configuration config = Configuration.fromMap(cluster.values(dir.resolve("client")));
        KerberizedHdfs hadoop = cluster.hadoop;
        Path jar = ClassJars.jarContaining(CountingJob.class, dir);
        try (YarnClusterDeployer deployer = deployer(config, console::add)) {
            ClusterHandle session = deployer.deploySession(config);
            try {
                String output = outputDir(hadoop, "kerberized");
                assertThat(runToEnd(YarnE2eCluster.owner(deployer, session), jar, output, 300, 3, Duration.ofSeconds(120)))
                        .isEqualTo(JobState.FINISHED);
                assertExactlyOnce(hadoop, output, 2, 300);

                String logs = cluster.containerLogs(session.applicationId());
                assertThat(logs).as("the ApplicationMaster logged in itself, with the shipped keytab")
                        .containsPattern("This process logged in to Kerberos as " + hadoop.userPrincipal()
                                + " with the keytab \\S+/keytab/krb5.keytab")
                        .contains("fresh delegation token(s) for this attempt");
                assertThat(console).anyMatch(line -> line.startsWith("Submitting " + session.applicationId()));
                assertZnodesBelongToTheUser(config, hadoop.userPrincipal());
            } finally {
                deployer.stop(session.applicationId());
            }
        }
    }

    /** The AM authenticated to ZooKeeper with the keytab: its job graph pointers carry the user's identity. */
    private static void assertZnodesBelongToTheUser(Configuration config, String principal) throws Exception {
        try (CuratorFramework zk = new ZooKeeperClientFactory(config).startRootClient()) {
            List<String> clusters = zk.getChildren().forPath("/");
            assertThat(clusters).isNotEmpty();
            for (String clusterId : clusters) {
                assertThat(zk.getACL().forPath("/" + clusterId + ZooKeeperLayout.JOBGRAPHS)).singleElement()
                        .satisfies(acl -> assertThat(acl.getId()).isEqualTo(new Id("sasl", principal)));
            }
        }
    }

    @Test
    void aJobOutlivesTwoTokenLifetimesAndAnAttemptStartedAfterTheLaunchContextTokensExpired() throws Exception {
        Map<String, String> values = cluster.values(dir.resolve("client"));
        values.put("execution.checkpointing.interval", "1 s");
        // Quick recovery, as in the other e2e sessions (YarnE2eCluster.quickRecoveryValues).
        values.put("heartbeat.interval", "300 ms");
        values.put("heartbeat.timeout", "5 s");
        values.put("restart-strategy.fixed-delay.delay", "200 ms");
        Configuration config = Configuration.fromMap(values);
        KerberizedHdfs hadoop = cluster.hadoop;
        Path jar = ClassJars.jarContaining(CountingJob.class, dir);
        String output = outputDir(hadoop, "renewed");
        int count = 3000;
        try (YarnClusterDeployer deployer = deployer(config, line -> { });
                CuratorFramework zk = new ZooKeeperClientFactory(config).startRootClient()) {
            Instant deployed = Instant.now();
            ClusterHandle session = deployer.deploySession(config);
            ApplicationId app = session.applicationId();
            try {
                RestClusterClient owner = YarnE2eCluster.owner(deployer, session);
                // 2 tasks x 3000 steps x 25 ms: about 75 s, still running when attempt 1 is killed.
                String jobId = owner.submit(jar, CountingJob.class.getName(), List.of("--output", output, "--count",
                        Integer.toString(count), "--step-delay-ms", "25"), 2, "renewed");
                Instant launchTokensEnd = launchContextHdfsTokensMaxDate(app);
                Instant twoLifetimes = deployed.plus(MAX_LIFETIME.multipliedBy(2));
                await("two maximum token lifetimes passed, the launch context's HDFS tokens among them")
                        .atMost(MAX_LIFETIME.multipliedBy(2).plusSeconds(30))
                        .until(() -> Instant.now().isAfter(launchTokensEnd) && Instant.now().isAfter(twoLifetimes));
                await("attempt 1 refreshed its tokens and pushed them to the TaskExecutor, again and again")
                        .atMost(Duration.ofSeconds(60)).until(() -> {
                            String logs = cluster.containerLogs(app);
                            return count(logs, "Refreshed \\d+ delegation token") >= 5
                                    && count(logs, "Added \\d+ fresh delegation token\\(s\\) from the JobManager") >= 4;
                        });
                assertThat(owner.job(jobId).status().state().isTerminal())
                        .as("the job still runs, on tokens its launch context did not hold").isFalse();
                assertThat(cluster.yarn.cluster().getResourceManager().getRMContext().getSystemCredentialsForApps())
                        .as("the ResourceManager obtained new HDFS tokens for the application (proxy-user privileges)")
                        .containsKey(app);

                RMApp rmApp = cluster.yarn.cluster().getResourceManager().getRMContext().getRMApps().get(app);
                ContainerId amContainer = rmApp.getCurrentAppAttempt().getMasterContainer().getId();
                ContainerProcesses.killJvm(cluster.yarn.cluster(), amContainer, Duration.ofSeconds(30));

                await("attempt 2 runs").atMost(Duration.ofSeconds(90)).until(() -> rmApp.getAppAttempts().size() == 2
                        && rmApp.getCurrentAppAttempt().getAppAttemptState() == RMAppAttemptState.RUNNING);
                ContainerId attempt2Container = rmApp.getCurrentAppAttempt().getMasterContainer().getId();
                String leaderPath = "/" + app + ZooKeeperLayout.JOBMANAGER_LEADER; // zk is in the root namespace
                LeaderInfo attempt2Leader = YarnE2eCluster.awaitAttemptLeads(() -> java.util.Optional.of(
                        LeaderInfo.fromBytes(zk.getData().forPath(leaderPath), leaderPath)), 2, Duration.ofSeconds(90));
                RestClusterClient attempt2 = new RestClusterClient(attempt2Leader.restUrl())
                        .withCredential(deployer.secretFile(app).read().orElseThrow());
                await("the job ends on attempt 2").atMost(Duration.ofSeconds(180)).ignoreExceptions()
                        .until(() -> attempt2.job(jobId).status().state().isTerminal());
                assertThat(attempt2.job(jobId).status().state()).isEqualTo(JobState.FINISHED);
                assertExactlyOnce(hadoop, output, 2, count);

                String attempt2Logs = containerLogs(app, attempt2Container);
                assertThat(attempt2Logs).as("attempt 2 logged in itself, with the shipped keytab")
                        .containsPattern("This process logged in to Kerberos as " + hadoop.userPrincipal()
                                + " with the keytab \\S+/keytab/krb5.keytab")
                        .contains("fresh delegation token(s) for this attempt");
            } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
                ContainerLogs.dump(cluster.yarn.cluster(), app, System.err); // the attempts' side of the story
                throw e;
            } finally {
                deployer.stop(app);
            }
        }
    }

    /** The latest maximum date of the HDFS delegation tokens in the application's AM launch context. */
    private static Instant launchContextHdfsTokensMaxDate(ApplicationId app) throws Exception {
        java.nio.ByteBuffer tokens = cluster.yarn.cluster().getResourceManager().getRMContext().getRMApps().get(app)
                .getApplicationSubmissionContext().getAMContainerSpec().getTokens();
        Credentials credentials = new Credentials();
        DataInputByteBuffer in = new DataInputByteBuffer();
        in.reset(tokens.duplicate());
        credentials.readTokenStorageStream(in);
        long maxDate = credentials.getAllTokens().stream()
                .filter(token -> token.getKind().toString().equals("HDFS_DELEGATION_TOKEN"))
                .mapToLong(token -> {
                    try {
                        return ((AbstractDelegationTokenIdentifier) token.decodeIdentifier()).getMaxDate();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .max().orElseThrow(() -> new AssertionError("no HDFS token in the launch context"));
        return Instant.ofEpochMilli(maxDate);
    }

    /** The logs of one container of {@code app}, concatenated. */
    private static String containerLogs(ApplicationId app, ContainerId container) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path file : ContainerLogs.files(cluster.yarn.cluster(), app)) {
            if (file.toString().contains(container.toString())) {
                all.append(ContainerLogs.tail(file, 1 << 20));
            }
        }
        return all.toString();
    }

    @Test
    void aWrongZooKeeperServiceNameIsOneLineNamingTheKeyAndNothingIsSubmitted() throws Exception {
        Configuration config = Configuration.fromMap(cluster.values(dir.resolve("client")))
                .withRaw("zookeeper.sasl.service-name", "zk-wrong");
        int applications = cluster.yarn.cluster().getResourceManager().getRMContext().getRMApps().size();
        try (YarnClusterDeployer deployer = YarnClusterDeployer.builder(cluster.yarn.configuration())
                .containerJavaHome(System.getProperty("java.home"))
                .clientConfiguration(config)
                .console(console::add)
                .build()) {
            assertThatThrownBy(() -> deployer.deploySession(config))
                    .isInstanceOf(ClusterDeploymentException.class)
                    .hasMessageStartingWith("SASL authentication to ZooKeeper at " + cluster.zooKeeper.connectString())
                    .hasMessageContaining("'zk-wrong' ('zookeeper.sasl.service-name'")
                    .hasMessageNotContaining("\n");
        }
        assertThat(cluster.yarn.cluster().getResourceManager().getRMContext().getRMApps()).as("nothing submitted")
                .hasSize(applications);
    }

    @Test
    void aPerJobClusterRunsTheCountingJobExactlyOnceAndSucceeds() throws Exception {
        Configuration config = Configuration.fromMap(cluster.values(dir.resolve("client")));
        KerberizedHdfs hadoop = cluster.hadoop;
        Path jar = ClassJars.jarContaining(CountingJob.class, dir);
        String output = outputDir(hadoop, "kerberized-per-job");
        try (YarnClusterDeployer deployer = deployer(config, console::add)) {
            ClusterHandle perJob = deployer.deployPerJob(config, new JobDescription(jar, CountingJob.class.getName(),
                    List.of("--output", output, "--count", "300", "--step-delay-ms", "3"), 2, "kerberized-per-job"));
            ApplicationReport end = deployer.awaitTermination(perJob.applicationId(), Duration.ofSeconds(120))
                    .orElseThrow(() -> new AssertionError("the per-job cluster did not end in time"));
            assertThat(end.getFinalApplicationStatus()).as(end.getDiagnostics()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
        }
        assertExactlyOnce(hadoop, output, 2, 300);
    }

    private YarnClusterDeployer deployer(Configuration config, Consumer<String> console) throws Exception {
        return YarnClusterDeployer.builder(cluster.yarn.configuration())
                .containerJavaHome(System.getProperty("java.home"))
                .clientConfiguration(config)
                .readyTimeout(Duration.ofSeconds(120))
                .console(console)
                .build();
    }

    /** The counting job's output folder {@code name} in the user's home on HDFS. */
    private static String outputDir(KerberizedHdfs hadoop, String name) {
        return hadoop.hdfsUri() + "/user/" + KerberizedHdfs.USER + "/out/" + name;
    }

    /**
     * Runs the counting job (2 tasks, {@code count} records each, {@code stepDelayMs} apart) on the
     * session until it ends, at most {@code timeout}.
     *
     * @return its final state
     */
    private static JobState runToEnd(RestClusterClient rest, Path jar, String output, int count, int stepDelayMs,
            Duration timeout) throws Exception {
        String jobId = rest.submit(jar, CountingJob.class.getName(), List.of("--output", output, "--count",
                Integer.toString(count), "--step-delay-ms", Integer.toString(stepDelayMs)), 2, "counting");
        await("the job ends").atMost(timeout).ignoreExceptions().until(() ->
                rest.jobs().stream().anyMatch(job -> job.jobId().equals(jobId) && job.state().isTerminal()));
        return rest.job(jobId).status().state();
    }

    /** Checks the counting job's output as the user (the test JVM's own login user is a service). */
    private static void assertExactlyOnce(KerberizedHdfs hadoop, String output, int parallelism, int count) throws Exception {
        UserGroupInformation alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(
                hadoop.userPrincipal(), hadoop.userKeytab().toString());
        CountingOutput.Report report = KerberosLogin.doAs(alice, () -> {
            try (FileSystem fs = FileSystem.newInstance(hadoop.clientConf())) {
                return CountingOutput.verify(fs, new org.apache.hadoop.fs.Path(output), parallelism, count);
            }
        });
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
