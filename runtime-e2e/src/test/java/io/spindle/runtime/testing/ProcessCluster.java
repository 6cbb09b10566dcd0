package io.spindle.runtime.testing;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.entrypoint.StandaloneJobManagerEntrypoint;
import io.spindle.runtime.entrypoint.TaskExecutorEntrypoint;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ClassJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;

import static org.awaitility.Awaitility.await;

/**
 * A standalone HA cluster of separate JVMs for tests: JobManagers and TaskExecutors started with
 * one config.yaml, each with a known REST port, and a ZooKeeper client to see who leads. Its
 * counting jobs are {@link HookedCountingJob}s obeying the markers in {@link #hooks()}.
 */
public final class ProcessCluster implements AutoCloseable {

    private final Path dir;
    private final Path confDir;
    private final Path hadoopConfDir;
    private final Path hooks;
    private final CuratorFramework zk;
    private final String clusterZnode;
    private final Map<Integer, SpindleProcess> jobManagers = new LinkedHashMap<>();
    private final List<SpindleProcess> taskExecutors = new ArrayList<>();

    /**
     * @param zk a started client in the root namespace '/', on the cluster's ZooKeeper
     * @param values the configuration (see {@link RuntimeConfig})
     */
    public ProcessCluster(Path dir, Map<String, String> values, Path hadoopConfDir, CuratorFramework zk) throws Exception {
        this.dir = dir;
        this.confDir = ConfigFiles.write(dir.resolve("conf"), values);
        this.hadoopConfDir = hadoopConfDir;
        this.hooks = Files.createDirectories(dir.resolve("hooks"));
        this.zk = zk;
        this.clusterZnode = "/spindle/" + values.get("high-availability.cluster-id");
    }

    /** Starts a JobManager JVM; returns its REST port. */
    public int startJobManager() throws Exception {
        int port = FreePorts.next();
        jobManagers.put(port, SpindleProcess.start("jobmanager-" + port, StandaloneJobManagerEntrypoint.class,
                dir.resolve("jobmanager-" + port), hadoopConfDir, "--conf-dir", confDir.toString(), "--host",
                "127.0.0.1", "--webui-port", Integer.toString(port)));
        return port;
    }

    /** Starts a TaskExecutor JVM. */
    public SpindleProcess startTaskExecutor() throws Exception {
        int index = taskExecutors.size();
        SpindleProcess process = SpindleProcess.start("taskexecutor-" + index, TaskExecutorEntrypoint.class,
                dir.resolve("taskexecutor-" + index), hadoopConfDir, "--conf-dir", confDir.toString());
        taskExecutors.add(process);
        return process;
    }

    /** The leader as published in ZooKeeper, if any. */
    public Optional<LeaderInfo> leader() throws Exception {
        String path = clusterZnode + ZooKeeperLayout.JOBMANAGER_LEADER;
        if (zk.checkExists().forPath(path) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LeaderInfo.fromBytes(zk.getData().forPath(path), path));
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    /** The REST port of the published leader, or -1. */
    public int leaderPort() throws Exception {
        return leader().map(info -> Integer.parseInt(info.restUrl().substring(info.restUrl().lastIndexOf(':') + 1)))
                .orElse(-1);
    }

    /** The JobManager JVM with this REST port. */
    public SpindleProcess jobManager(int port) {
        return jobManagers.get(port);
    }

    /** The JobManager JVMs, in start order. */
    public List<SpindleProcess> jobManagers() {
        return List.copyOf(jobManagers.values());
    }

    /** REST client of the JobManager with this port, with the cluster's credential (the owner's client). */
    public static RestClusterClient rest(int port) {
        return new RestClusterClient("http://127.0.0.1:" + port).withCredential(RuntimeConfig.secret());
    }

    /** The folder of the markers the counting jobs of this cluster obey (see {@link HookedCountingJob}). */
    public Path hooks() {
        return hooks;
    }

    /**
     * Submits a counting job to the JobManager with REST port {@code port}: {@code count} records per
     * task into {@code output} (a full HDFS URI), {@code stepDelayMs} of sleep after each record until
     * {@link #finishJob} hurries it, then {@code extraArgs} (e.g. {@code --fail-at 100}).
     *
     * @return the job's id
     */
    public String submitCounting(int port, String output, int count, int stepDelayMs, int parallelism,
            String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(ExamplesJar.countingArgs(output, count, stepDelayMs));
        args.addAll(List.of(extraArgs));
        // The JVMs' class path holds the counting job the hooked one wraps; the jar holds the test classes.
        return rest(port).submit(ClassJars.jarContaining(HookedCountingJob.class, dir),
                HookedCountingJob.class.getName(), HookedCountingJob.arguments(hooks, args), parallelism, "counting");
    }

    /**
     * Lets the tasks of a job of {@link #submitCounting} count on without their step delay, and
     * waits until the JobManager with REST port {@code port} has ended it: for the end of a test
     * whose fault is over.
     *
     * @return the job's final status
     */
    public JobStatus finishJob(int port, String jobId, Duration timeout) throws Exception {
        HookedCountingJob.hurry(hooks, jobId);
        return awaitJobEnd(port, jobId, timeout);
    }

    /**
     * Waits until the JobManager with REST port {@code port} has ended the job.
     *
     * @return the job's final status
     */
    public static JobStatus awaitJobEnd(int port, String jobId, Duration timeout) {
        await("job " + jobId + " ends").atMost(timeout).ignoreExceptions().until(() -> rest(port).jobs().stream()
                .anyMatch(job -> job.jobId().equals(jobId) && job.state().isTerminal()));
        return rest(port).jobs().stream().filter(job -> job.jobId().equals(jobId)).findFirst().orElseThrow();
    }

    /**
     * The checkpoint a JobManager last recovered the job at, from its output.
     *
     * @return empty if it never recovered the job, or recovered it with no checkpoint
     */
    public static OptionalLong recoveredCheckpoint(SpindleProcess jobManager, String jobId) throws Exception {
        Matcher m = Pattern.compile("Recovered job " + Pattern.quote(jobId) + " \\(.*\\) at checkpoint (\\d+)")
                .matcher(jobManager.output());
        OptionalLong last = OptionalLong.empty();
        while (m.find()) {
            last = OptionalLong.of(Long.parseLong(m.group(1)));
        }
        return last;
    }

    /** The TaskExecutor JVMs, in start order. */
    public List<SpindleProcess> taskExecutors() {
        return taskExecutors;
    }

    /** Every process's output, for failure messages. */
    public String outputs() throws Exception {
        StringBuilder all = new StringBuilder();
        for (SpindleProcess p : jobManagers.values()) {
            all.append("==== ").append(p).append('\n').append(tail(p.output()));
        }
        for (SpindleProcess p : taskExecutors) {
            all.append("==== ").append(p).append('\n').append(tail(p.output()));
        }
        return all.toString();
    }

    private static String tail(String text) {
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    @Override
    public void close() throws Exception {
        for (SpindleProcess p : taskExecutors) {
            p.close();
        }
        for (SpindleProcess p : jobManagers.values()) {
            p.close();
        }
    }
}
