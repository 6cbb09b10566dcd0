package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.examples.counting.CountingJob;
import io.spindle.ha.LeaderInfo;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.runtime.entrypoint.StandaloneJobManagerEntrypoint;
import io.spindle.runtime.entrypoint.TaskExecutorEntrypoint;
import io.spindle.runtime.testing.ExamplesJar;
import io.spindle.runtime.testing.Intruders;
import io.spindle.runtime.testing.ProcessCluster;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.runtime.testing.SpindleProcess;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running standalone cluster (a JobManager and a TaskExecutor, each its own JVM, sharing a
 * secret file) against a client that lacks the secret or has a wrong one: every submit, cancel
 * and shutdown over REST is refused (401, 403), every SubmitTask, Shutdown and registration over
 * gRPC is refused (UNAUTHENTICATED), each with a line in the server's log; the job keeps running,
 * no jar is stored, the TaskExecutor stays; the owner's client still cancels the job.
 */
class ClusterAuthenticationTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static final Pattern TE_RPC = Pattern.compile("TaskExecutor \\S+ started with \\d+ slot\\(s\\), RPC (\\S+)");

    private static CuratorFramework zk;
    private static ProcessCluster cluster;
    private static Path storageDir;

    @BeforeAll
    static void startCluster() throws Exception {
        zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(), new RetryOneTime(100));
        zk.start();
        storageDir = CLUSTER.workDir().resolve("ha");
        Map<String, String> values = RuntimeConfig.values(CLUSTER.zooKeeperConnectString(), storageDir.toUri().toString(),
                "authentication");
        cluster = new ProcessCluster(CLUSTER.workDir().resolve("cluster"), values, null, zk);
        cluster.startJobManager();
        cluster.startTaskExecutor();
        await("a leader with its TaskExecutor").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ProcessCluster.rest(cluster.leaderPort()).overview().taskExecutors() == 1);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        zk.close();
    }

    @Test
    void aClientWithoutTheSecretChangesNothingAndTheOwnerStillCan() throws Exception {
        Path jar = ExamplesJar.locate(CLUSTER.workDir());
        RestClusterClient owner = ProcessCluster.rest(cluster.leaderPort());
        String jobId = owner.submit(jar, CountingJob.class.getName(),
                ExamplesJar.countingArgs(CLUSTER.workDir().resolve("out").toUri().toString(), 1_000_000, 20), 1, "guarded");
        await("the owner's job running").atMost(Duration.ofSeconds(60))
                .until(() -> owner.job(jobId).status().runningSince() != null);
        List<Path> jarsBefore = storedJars();
        assertThat(jarsBefore).hasSize(1);

        RestClusterClient anonymous = new RestClusterClient("http://127.0.0.1:" + cluster.leaderPort());
        Intruders.assertRestRefused(anonymous, jar, jobId);
        assertThat(anonymous.jobs()).as("reads are open by default").extracting(JobStatus::jobId).containsExactly(jobId);

        LeaderInfo leader = cluster.leader().orElseThrow();
        String taskExecutor = taskExecutorRpcAddress(cluster.taskExecutors().get(0));
        Intruders.assertRpcRefused(leader, taskExecutor, jobId);

        // Nothing changed: the job runs on its TaskExecutor, no jar was added, nobody else registered.
        assertThat(owner.overview().taskExecutors()).isEqualTo(1);
        assertThat(owner.jobs()).singleElement().satisfies(job -> {
            assertThat(job.jobId()).isEqualTo(jobId);
            assertThat(job.state()).isEqualTo(JobState.RUNNING);
        });
        assertThat(storedJars()).isEqualTo(jarsBefore);
        assertThat(cluster.taskExecutors().get(0).isAlive()).isTrue();
        // One WARN line per refusal on the servers (rate-limited to one a second: at least one each).
        await("the refusals logged").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.jobManager(cluster.leaderPort()).output()).contains("Refused REST POST /v1/jobs")
                    .contains("Refused RPC spindle.rpc.JobManagerService/RegisterTaskExecutor");
            assertThat(cluster.taskExecutors().get(0).output()).contains("Refused RPC spindle.rpc.TaskExecutorService/");
        });

        assertThat(owner.cancel(jobId).state()).isEqualTo(JobState.CANCELED);
    }

    @Test
    void daemonsRefuseToStartWithoutAUsableSecretFile() throws Exception {
        Path confDir = CLUSTER.workDir().resolve("cluster").resolve("conf");
        Path dir = CLUSTER.workDir().resolve("bad-secrets");
        Path missing = dir.resolve("no-such-secret");
        Path open = Files.writeString(Files.createDirectories(dir).resolve("open-secret"), "0123456789abcdef0123456789");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(startAndAwaitExit("jm-missing", StandaloneJobManagerEntrypoint.class, dir, confDir,
                "security.cluster.secret-file=" + missing))
                .contains("Error: The cluster secret file " + missing + " ('security.cluster.secret-file') does not exist");
        assertThat(startAndAwaitExit("te-open", TaskExecutorEntrypoint.class, dir, confDir,
                "security.cluster.secret-file=" + open))
                .contains("Error: The cluster secret file " + open + " ('security.cluster.secret-file') is accessible by"
                        + " others (rw-r--r--); it must be readable by its owner only: chmod 600 " + open);
        assertThat(startAndAwaitExit("jm-none", StandaloneJobManagerEntrypoint.class, dir, confDir,
                "security.cluster.secret-file="))
                .contains("Error: No cluster secret: set 'security.cluster.secret-file'");
        // Nothing registered with the running cluster's ZooKeeper besides its own JobManager.
        assertThat(zk.getChildren().forPath("/spindle/authentication/latch")).hasSize(1);
    }

    /** Starts a daemon JVM with one {@code -D} value; returns its output once it exited with status 1. */
    private static String startAndAwaitExit(String name, Class<?> main, Path dir, Path confDir, String dynamic)
            throws Exception {
        try (SpindleProcess process = SpindleProcess.start(name, main, dir.resolve(name), null,
                "--conf-dir", confDir.toString(), "-D", dynamic)) {
            assertThat(process.awaitExit(Duration.ofSeconds(60))).as(process.output()).isEqualTo(1);
            return process.output();
        }
    }

    private static String taskExecutorRpcAddress(SpindleProcess te) throws Exception {
        Matcher m = TE_RPC.matcher(te.output());
        assertThat(m.find()).as(te.output()).isTrue();
        return m.group(1);
    }

    private static List<Path> storedJars() throws Exception {
        try (Stream<Path> files = Files.walk(storageDir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getParent().getFileName().toString().equals("jars"))
                    .sorted().toList();
        }
    }
}
