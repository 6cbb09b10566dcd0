package io.spindle.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.examples.counting.CountingOutput;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;

/**
 * The fixture of the JobManager failover tests: a {@link ProcessCluster} on the test class's
 * ZooKeeper and HDFS, configured for quick failovers, and what those tests ask of it (a counting
 * job submitted, its checkpoints, its end, its output checked exactly once).
 */
public final class FailoverCluster implements AutoCloseable {

    /** Records per task of the counting jobs. */
    public static final int COUNT = 2500;

    private final SpindleClusterExtension env;
    private final String clusterId;
    private final ProcessCluster processes;

    private FailoverCluster(SpindleClusterExtension env, String clusterId, ProcessCluster processes) {
        this.env = env;
        this.clusterId = clusterId;
        this.processes = processes;
    }

    /**
     * Configures a cluster (nothing started yet): {@code slots} slots per TaskExecutor, 5 restart
     * attempts, 6 s ZooKeeper sessions and heartbeat timeout, then {@code extra}.
     *
     * @param zk a started client in the root namespace, on {@code env}'s ZooKeeper
     */
    public static FailoverCluster configure(SpindleClusterExtension env, CuratorFramework zk, String clusterId,
            int slots, Map<String, String> extra) throws Exception {
        Map<String, String> values = RuntimeConfig.values(env.zooKeeperConnectString(), env.hdfsUri() + "/spindle/ha",
                clusterId);
        values.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        values.put("restart-strategy.fixed-delay.attempts", "5");
        // Short enough for the pause test, long enough not to expire sessions of a loaded CI machine.
        values.put("high-availability.zookeeper.client.session-timeout", "6 s");
        // A TaskExecutor JVM that starts on a loaded machine may miss 3 s of heartbeats and be lost
        // (its slots gone) just as a job is submitted.
        values.put("heartbeat.timeout", "6 s");
        values.putAll(extra);
        return new FailoverCluster(env, clusterId,
                new ProcessCluster(env.workDir().resolve(clusterId), values, env.hadoopConfDir(), zk));
    }

    /** Starts {@code jobManagers} JobManagers and {@code taskExecutors} TaskExecutors and waits until one leads them all. */
    public FailoverCluster start(int jobManagers, int taskExecutors) throws Exception {
        for (int i = 0; i < jobManagers; i++) {
            processes.startJobManager();
        }
        for (int i = 0; i < taskExecutors; i++) {
            processes.startTaskExecutor();
        }
        awaitLeaderWith(taskExecutors);
        return this;
    }

    /** Waits until a leader has {@code taskExecutors} TaskExecutors registered; returns its REST port. */
    public int awaitLeaderWith(int taskExecutors) {
        await("a leader with " + taskExecutors + " TaskExecutors").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> {
                    int port = processes.leaderPort();
                    return port > 0 && rest(port).overview().leader()
                            && rest(port).overview().taskExecutors() == taskExecutors;
                });
        return leaderPort();
    }

    /** The processes. */
    public ProcessCluster processes() {
        return processes;
    }

    /** The cluster id (also the ZooKeeper and storageDir folder). */
    public String clusterId() {
        return clusterId;
    }

    /** The published leader's REST port, or -1. */
    public int leaderPort() {
        try {
            return processes.leaderPort();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The owner's REST client of the JobManager with this port. */
    public static RestClusterClient rest(int port) {
        return ProcessCluster.rest(port);
    }

    /**
     * Submits a counting job ({@link HookedCountingJob}, obeying the markers in
     * {@link ProcessCluster#hooks()}) of {@link #COUNT} records per task writing to {@code output} on
     * HDFS, sleeping {@code stepDelayMs} after each record until {@link #finish} hurries it, with
     * {@code extraArgs} (e.g. {@code --fail-at 100}); returns its id.
     */
    public String submitCounting(String output, int parallelism, int stepDelayMs, String... extraArgs)
            throws Exception {
        return processes.submitCounting(leaderPort(), env.hdfsUri() + output, COUNT, stepDelayMs, parallelism,
                extraArgs);
    }

    /** Completed checkpoints in the job's recent history at the JobManager with this port. */
    public static long completedCheckpoints(int port, String jobId) {
        JobDetail detail = rest(port).job(jobId);
        return detail.checkpoints().stream().filter(c -> c.status().equals("COMPLETED")).count();
    }

    /** Waits (bounded) until that many checkpoints of the job completed under the leader with this port. */
    public static void awaitCompletedCheckpoints(int port, String jobId, int count) {
        await(count + " completed checkpoints").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> completedCheckpoints(port, jobId) >= count);
    }

    /**
     * Lets the job's tasks count on without their step delay and waits until the JobManager with
     * this port has ended it; returns its status.
     */
    public JobStatus finish(int port, String jobId) throws Exception {
        return processes.finishJob(port, jobId, Duration.ofSeconds(120));
    }

    /** Waits until a JobManager other than the one with port {@code oldLeader} leads; returns its port. */
    public int awaitLeaderOtherThan(int oldLeader) {
        await("another JobManager leads").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> leaderPort() > 0 && leaderPort() != oldLeader && rest(leaderPort()).overview().leader());
        return leaderPort();
    }

    /** Asserts that the counting job's output in {@code output} holds every record exactly once. */
    public void assertExactlyOnce(String output, int parallelism) throws Exception {
        CountingOutput.Report report = CountingOutput.verify(env.fileSystem(), new org.apache.hadoop.fs.Path(output),
                parallelism, COUNT);
        assertThat(report.exactlyOnce()).as(report.describe() + "\n" + processes.outputs()).isTrue();
    }

    /** The output of every TaskExecutor, concatenated. */
    public String taskExecutorOutputs() throws Exception {
        StringBuilder all = new StringBuilder();
        for (SpindleProcess te : processes.taskExecutors()) {
            all.append(te.output());
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        processes.close();
    }
}
