package io.spindle.bench.checkpoint;

import io.spindle.bench.ha.BenchZooKeeper;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.SecurityOptions;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.entrypoint.TaskExecutorProcess;
import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobManager;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.security.ClusterSecretFile;
import io.spindle.util.FileTrees;
import io.spindle.util.Polling;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Measures checkpoint overhead: the time from trigger to complete of every checkpoint of a running
 * job, with a real JobManager, two TaskExecutors, an embedded ZooKeeper (fsync on) and a storageDir
 * on a Hadoop file system (local disk unless another URI is given). Prints the median and p99.
 *
 * <p>Not thread-safe; one run per instance.
 */
public final class CheckpointBench {

    /**
     * What to run.
     *
     * @param jar the user jar with the job
     * @param entryClass the job class
     * @param parallelism tasks (slots: two TaskExecutors share them)
     * @param interval checkpoint interval
     * @param duration how long to measure
     * @param storageDir storageDir URI, or null for a temporary local folder
     * @param workDir scratch folder (deleted afterwards)
     */
    public record Settings(Path jar, String entryClass, int parallelism, Duration interval, Duration duration,
            String storageDir, Path workDir) {}

    /**
     * The measured figures.
     *
     * @param durationsMs trigger-to-complete of each completed checkpoint, in completion order
     * @param failed checkpoints that failed or timed out
     */
    public record Result(List<Long> durationsMs, int failed) {

        /** The q-quantile (nearest rank) of the durations, in ms. */
        public long quantile(double q) {
            List<Long> sorted = new ArrayList<>(durationsMs);
            Collections.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }

    private final Settings settings;

    /** @param settings what to run */
    public CheckpointBench(Settings settings) {
        this.settings = settings;
    }

    /** Runs the job for the configured duration and collects its checkpoints. */
    public Result run(PrintStream out) throws Exception {
        Path work = Files.createDirectories(settings.workDir());
        try (BenchZooKeeper zk = BenchZooKeeper.startEmbedded(work.resolve("zk"), 200)) {
            String storage = settings.storageDir() != null ? settings.storageDir()
                    : work.resolve("storage").toUri().toString();
            // The bench's JobManager and TaskExecutors share a secret in its work dir, as a standalone cluster does.
            Path secretFile = work.resolve(ClusterSecretFile.DEFAULT_FILE_NAME);
            ClusterSecretFile.createIfAbsent(secretFile);
            Configuration conf = Configuration.fromMap(Map.ofEntries(
                    Map.entry(SecurityOptions.CLUSTER_SECRET_FILE.key(), secretFile.toString()),
                    Map.entry("high-availability.type", "zookeeper"),
                    Map.entry("high-availability.zookeeper.quorum", zk.connectString()),
                    Map.entry("high-availability.storageDir", storage),
                    Map.entry("high-availability.cluster-id", "checkpoint-bench"),
                    Map.entry("execution.checkpointing.interval", settings.interval().toMillis() + " ms"),
                    Map.entry("taskmanager.numberOfTaskSlots", Integer.toString((settings.parallelism() + 1) / 2)),
                    Map.entry("taskmanager.host", "127.0.0.1"),
                    Map.entry("heartbeat.interval", "1 s"),
                    Map.entry("heartbeat.timeout", "10 s")));
            org.apache.hadoop.conf.Configuration hadoopConf = new org.apache.hadoop.conf.Configuration();
            try (JobManagerProcess jm = JobManagerProcess.start(new JobManagerProcess.Settings(conf, hadoopConf, "bench",
                    "standalone", ParticipantFinishedPredicate.NEVER, ResourceDriver.STANDALONE, "127.0.0.1", 0, null,
                    work.resolve("jm")));
                    TaskExecutorProcess te1 = TaskExecutorProcess.start(conf, hadoopConf, "", work.resolve("te1"));
                    TaskExecutorProcess te2 = TaskExecutorProcess.start(conf, hadoopConf, "", work.resolve("te2"))) {
                JobManager manager = jm.jobManager();
                awaitSlots(manager, settings.parallelism());
                long seconds = Math.max(10, settings.duration().toSeconds() * 2);
                String jobId = manager.submit(new JobSubmission("checkpoint-bench", settings.jar(),
                        settings.entryClass(), List.of("--output", work.resolve("out").toUri().toString(),
                                "--count", Long.toString(seconds * 1000), "--step-delay-ms", "1"),
                        settings.parallelism())).get(60, TimeUnit.SECONDS);
                out.printf("Job %s running with %d tasks; checkpoints every %d ms for %d s%n", jobId,
                        settings.parallelism(), settings.interval().toMillis(), settings.duration().toSeconds());
                Map<Long, CheckpointStats> seen = new TreeMap<>();
                long end = System.nanoTime() + settings.duration().toNanos();
                while (System.nanoTime() < end) {
                    JobDetail detail = manager.job(jobId).orElseThrow();
                    for (CheckpointStats stats : detail.checkpoints()) {
                        if (!stats.status().equals("IN_PROGRESS") && !stats.status().equals("RESTORED")) {
                            seen.putIfAbsent(stats.id(), stats);
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(Math.min(500, settings.interval().toMillis()));
                }
                manager.cancel(jobId).get(60, TimeUnit.SECONDS);
                List<Long> durations = new ArrayList<>();
                int failed = 0;
                for (CheckpointStats stats : seen.values()) {
                    if (stats.status().equals("COMPLETED")) {
                        durations.add(stats.durationMs());
                    } else {
                        failed++;
                    }
                }
                return new Result(durations, failed);
            }
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    private static void awaitSlots(JobManager manager, int slots) throws InterruptedException {
        Polling.poll(Duration.ofMillis(100), Duration.ofSeconds(60),
                        () -> Optional.of(manager.overview().slotsFree()).filter(free -> free >= slots))
                .orElseThrow(() -> new IllegalStateException("The TaskExecutors did not register within 60 s"));
    }

}
