package io.spindle.bench.chaos;

import io.spindle.configuration.CheckpointingOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.YarnOptions;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * {@code spindle bench soak}: a YARN session where short counting jobs are submitted two at a time,
 * run, and finish or (one in three rounds) get cancelled, in a loop for the duration and at least
 * {@code minJobs} jobs, with {@code amKills} kills of the ApplicationMaster spread over the run.
 * The {@link SoakProbe} figures are taken before the first job, after the warm-up rounds and after
 * the last job; a figure grows without bound when its end value exceeds its warm-up value by more
 * than its {@link SoakFigure} margin. The JobManager's figures are compared within one process
 * only: after each AM kill the next attempt runs its own warm-up rounds, then its figures become
 * the baseline, and the next kill waits for that; the run goes on for at least as many rounds
 * after the last such baseline. Not thread-safe; one run per instance.
 */
public final class SoakRun {

    private static final int WARMUP_ROUNDS = 3;
    private static final long RECORDS_PER_TASK = 300;
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(3);

    /**
     * @param duration how long jobs are submitted
     * @param minJobs jobs to run at least
     * @param amKills ApplicationMaster kills during the run
     */
    public record Settings(Duration duration, int minJobs, int amKills) {}

    /** The outcome: the figures, the jobs run and cancelled, and the jobs that ended otherwise than expected. */
    public record Result(List<String> rows, int jobs, int cancelled, int wrongEnds, boolean grew) {}

    /** Ended jobs the soak's session keeps in its history (fewer than the warm-up's jobs). */
    static final int RETAINED_ENDED_JOBS = 3;

    private final YarnClusterDeployer deployer;
    private final Configuration conf;
    private final Path examplesJar;
    private final PrintStream out;

    /**
     * @param deployer a deployer on the cluster to run on
     * @param conf the Spindle configuration (HA keys, storageDir)
     * @param examplesJar the examples jar (the counting job)
     * @param out where progress goes
     */
    public SoakRun(YarnClusterDeployer deployer, Configuration conf, Path examplesJar, PrintStream out) {
        this.deployer = deployer;
        this.conf = conf;
        this.examplesJar = examplesJar;
        this.out = out;
    }

    /** Runs it; the session is stopped at the end, also on failure. */
    public Result run(Settings settings) throws Exception {
        Configuration session = conf.with(YarnOptions.APPLICATION_ATTEMPTS, settings.amKills() + 2)
                .with(YarnOptions.APPLICATION_ATTEMPT_FAILURES_VALIDITY_INTERVAL, settings.duration().plusMinutes(5))
                .with(CheckpointingOptions.INTERVAL, Duration.ofSeconds(1))
                // the history of ended jobs is bounded by design; a small bound is reached during the warm-up,
                // so that what grows after it is a leak
                .with(JobManagerOptions.RETAINED_ENDED_JOBS, RETAINED_ENDED_JOBS);
        FileSystem fs = FileSystem.get(deployer.yarnClient().getConfig());
        ApplicationId app = deployer.deploySession(session).applicationId();
        out.println("# soak session " + app + " ready");
        try (SessionGuard guard = new SessionGuard(deployer, app);
                SessionLink link = new SessionLink(session, app, deployer.secretFile(app).read())) {
            ChaosTarget target = new ChaosTarget(deployer, app, Optional.empty(), new Random(0));
            org.apache.hadoop.fs.Path storage = new org.apache.hadoop.fs.Path(
                    session.getRequired(HighAvailabilityOptions.STORAGE_DIR), app.toString());
            SoakProbe probe = new SoakProbe(link, target, fs, storage);
            SoakProbe.Measurement start = probe.measure();
            SoakProbe.Measurement baseline = start;
            // the current JobManager's own baseline, taken after its own warm-up rounds
            SoakProbe.Measurement jobManagerBaseline = start;
            int jobManagerWarmupRound = WARMUP_ROUNDS;
            int warmupJobs = 0;
            int jobManagerWarmupJobs = 0;
            String base = "/spindle-bench/soak-" + System.currentTimeMillis();
            Instant began = Instant.now();
            int jobs = 0;
            int cancelled = 0;
            int wrongEnds = 0;
            int kills = 0;
            for (int round = 1; jobs < settings.minJobs() || round <= jobManagerWarmupRound + WARMUP_ROUNDS
                    || Duration.between(began, Instant.now()).compareTo(settings.duration()) < 0; round++) {
                boolean cancel = round % 3 == 0;
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    String name = "soak-" + round + "-" + k;
                    List<String> args = List.of("--output", base + "/" + name, "--count", Long.toString(RECORDS_PER_TASK),
                            "--step-delay-ms", "10");
                    ids.add(link.call(c -> c.submit(examplesJar, "io.spindle.examples.counting.CountingJob", args,
                            ChaosWorkload.PARALLELISM, name), Duration.ofMinutes(1)));
                    jobs++;
                }
                if (cancel) {
                    awaitRunning(link, ids.get(0));
                    link.call(c -> c.cancel(ids.get(0)), Duration.ofMinutes(1));
                    cancelled++;
                }
                for (int k = 0; k < ids.size(); k++) {
                    JobStatus end = awaitEnd(link, ids.get(k));
                    String expected = cancel && k == 0 ? "CANCELED" : "FINISHED";
                    if (!end.state().name().equals(expected)) {
                        wrongEnds++;
                        out.printf("  job %s ended %s, expected %s: %s%n", end.name(), end.state(), expected, end.failure());
                    }
                }
                if (round == WARMUP_ROUNDS) {
                    baseline = probe.measure();
                    jobManagerBaseline = baseline;
                    warmupJobs = jobs;
                    jobManagerWarmupJobs = jobs;
                    out.println("# warm-up done after " + jobs + " jobs; JobManager " + baseline.jobManager());
                } else if (round == jobManagerWarmupRound) {
                    jobManagerBaseline = probe.measure();
                    jobManagerWarmupJobs = jobs;
                    out.println("# JobManager " + jobManagerBaseline.jobManager() + " warmed up (" + WARMUP_ROUNDS
                            + " rounds since it led), its baseline after " + jobs + " jobs");
                }
                long elapsed = Duration.between(began, Instant.now()).toMillis();
                if (kills < settings.amKills() && round > jobManagerWarmupRound
                        && elapsed >= settings.duration().toMillis() * (kills + 1) / (settings.amKills() + 1)) {
                    killAm(link, target);
                    kills++;
                    jobManagerWarmupRound = round + WARMUP_ROUNDS;
                }
                if (round % 5 == 0) {
                    out.printf("  %d jobs, %d cancelled, %d AM kills, %d s%n", jobs, cancelled, kills, elapsed / 1000);
                }
            }
            SoakProbe.Measurement end = probe.measure();
            List<SoakFigure> figures = figures(start.values(), baseline.values(), jobManagerBaseline.values(), end.values());
            List<String> rows = new ArrayList<>();
            rows.add(SoakFigure.header());
            figures.forEach(f -> rows.add(f.format()));
            rows.add(String.format("jobs %d, cancelled %d, wrong ends %d, AM kills %d", jobs, cancelled, wrongEnds, kills));
            rows.add("start: before the first job, JobManager " + start.jobManager());
            rows.add("after_warmup: after " + warmupJobs + " jobs; jobmanager_* after " + jobManagerWarmupJobs
                    + " jobs, JobManager " + jobManagerBaseline.jobManager());
            rows.add("end: after " + jobs + " jobs, JobManager " + end.jobManager()
                    + "; taskexecutor_*: the largest over the TaskExecutors running at each moment");
            boolean sameJobManager = jobManagerBaseline.jobManager().equals(end.jobManager());
            if (!sameJobManager) {
                rows.add("jobmanager_* after_warmup and end are of different processes (an attempt ended unbidden): "
                        + "not compared");
            }
            boolean grew = figures.stream().filter(f -> sameJobManager || !SoakProbe.perJobManagerProcess(f.name()))
                    .anyMatch(SoakFigure::grew);
            return new Result(rows, jobs, cancelled, wrongEnds, grew);
        }
    }

    private static List<SoakFigure> figures(Map<String, Long> start, Map<String, Long> baseline,
            Map<String, Long> jobManagerBaseline, Map<String, Long> end) {
        List<SoakFigure> figures = new ArrayList<>();
        for (String name : SoakProbe.NAMES) {
            double ratio = name.endsWith("heap_after_gc_kb") ? 0.5 : name.endsWith("bytes") ? 0.2 : 0.1;
            long slack = switch (name) {
                case "znodes" -> 5;
                case "storage_files", "staging_files" -> 10;
                case "storage_bytes", "staging_bytes" -> 1 << 20;
                case "jobmanager_threads", "taskexecutor_threads" -> 10;
                case "jobmanager_fds", "taskexecutor_fds" -> 20;
                default -> 20 * 1024; // heap: 20 MB
            };
            long warm = SoakProbe.perJobManagerProcess(name) ? jobManagerBaseline.get(name) : baseline.get(name);
            figures.add(new SoakFigure(name, start.get(name), warm, end.get(name), ratio, slack));
        }
        return figures;
    }

    private void killAm(SessionLink link, ChaosTarget target) throws Exception {
        String before = link.call(c -> c.overview().attempt(), Duration.ofMinutes(1));
        String hit = new AmKill().inject(target);
        String after = link.call(c -> {
            ClusterOverview o = c.overview();
            if (!o.leader() || o.attempt().equals(before)) {
                throw new IllegalStateException("attempt " + before + " still leads");
            }
            return o.attempt();
        }, ROUND_TIMEOUT);
        out.println("  killed " + hit + "; " + after + " leads");
    }

    private static void awaitRunning(SessionLink link, String id) throws InterruptedException {
        link.call(c -> c.jobs().stream().filter(j -> j.jobId().equals(id) && (j.runningSince() != null
                || j.state().isTerminal())).findFirst().orElseThrow(() -> new IllegalStateException("not running")),
                ROUND_TIMEOUT);
    }

    private static JobStatus awaitEnd(SessionLink link, String id) throws InterruptedException {
        return link.call(c -> c.jobs().stream().filter(j -> j.jobId().equals(id) && j.state().isTerminal()).findFirst()
                .orElseThrow(() -> new IllegalStateException("job " + id + " not ended")), ROUND_TIMEOUT);
    }
}
