package io.spindle.bench.chaos;

import io.spindle.configuration.CheckpointingOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.YarnOptions;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * {@code spindle bench chaos}: a YARN session runs counting jobs and word counts while the faults
 * of a {@link ChaosSchedule} are injected one by one; after each fault the run waits (at most
 * 3 minutes) until every counting job completes a checkpoint again, and records what the cluster
 * did. Then it lets the jobs end, checks every output exactly once, stops the session and prints
 * the table and the totals {@code records_lost}, {@code records_duplicated}, {@code jobs_failed}.
 *
 * <p>The session gets {@code yarn.application-attempts} = AM kills + 2 with a validity interval of
 * the run's length, checkpoints every second and a fixed-delay restart strategy of 1,000 attempts.
 * Not thread-safe; one run per instance.
 */
public final class ChaosRun {

    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);

    /**
     * The run's settings.
     *
     * @param duration how long the jobs run and faults are injected
     * @param seed the schedule's seed
     * @param faults how many faults
     * @param countingJobs how many counting jobs
     */
    public record Settings(Duration duration, long seed, int faults, int countingJobs) {

        /** Settings with the default number of faults for the duration and 2 counting jobs. */
        public static Settings of(Duration duration, long seed) {
            return new Settings(duration, seed, ChaosSchedule.defaultFaults(duration), 2);
        }
    }

    /** The outcome: every fault's row and the totals. */
    public record Result(List<String> rows, long recordsLost, long recordsDuplicated, int jobsFailed,
            int faultsNotRecovered) {

        /** Whether nothing was lost, duplicated or failed, and the cluster recovered from every fault. */
        public boolean clean() {
            return recordsLost == 0 && recordsDuplicated == 0 && jobsFailed == 0 && faultsNotRecovered == 0;
        }

        /** The totals, one {@code name value} per line. */
        public List<String> totals() {
            return List.of("records_lost " + recordsLost, "records_duplicated " + recordsDuplicated,
                    "jobs_failed " + jobsFailed, "faults_not_recovered " + faultsNotRecovered);
        }
    }

    private final YarnClusterDeployer deployer;
    private final Configuration conf;
    private final Path examplesJar;
    private final Optional<Path> hadoopConfDir;
    private final PrintStream out;

    /**
     * @param hadoopConfDir the Hadoop configuration folder; if it is a local cluster's, the
     *     ZooKeeper and DataNode faults act on that cluster
     */
    public ChaosRun(YarnClusterDeployer deployer, Configuration conf, Path examplesJar, Optional<Path> hadoopConfDir,
            PrintStream out) {
        this.deployer = deployer;
        this.conf = conf;
        this.examplesJar = examplesJar;
        this.hadoopConfDir = hadoopConfDir;
        this.out = out;
    }

    /** Runs it; the session is stopped at the end, also on failure. */
    public Result run(Settings settings) throws Exception {
        ChaosSchedule schedule = ChaosSchedule.plan(settings.seed(), settings.duration(), settings.faults());
        out.println("# chaos schedule, " + schedule.describe());
        Optional<LocalClusterAccess> local = hadoopConfDir.isPresent() ? LocalClusterAccess.of(hadoopConfDir.get())
                : Optional.empty();
        long amKills = schedule.faults().stream().filter(p -> p.fault() instanceof AmKill).count();
        Configuration session = conf.with(YarnOptions.APPLICATION_ATTEMPTS, (int) amKills + 2)
                .with(YarnOptions.APPLICATION_ATTEMPT_FAILURES_VALIDITY_INTERVAL, settings.duration().plusMinutes(5))
                .with(CheckpointingOptions.INTERVAL, Duration.ofSeconds(1))
                .with(CheckpointingOptions.RESTART_ATTEMPTS, 1000)
                .with(CheckpointingOptions.RESTART_DELAY, Duration.ofSeconds(1));
        FileSystem fs = FileSystem.get(deployer.yarnClient().getConfig());
        String base = "/spindle-bench/chaos-" + System.currentTimeMillis();
        WordCountData words = WordCountData.write(fs, new org.apache.hadoop.fs.Path(base + "/wordcount-input"),
                settings.seed(), 4, 2000);
        ClusterHandle handle = deployer.deploySession(session);
        ApplicationId app = handle.applicationId();
        out.println("# session " + app + " ready");
        try (SessionGuard guard = new SessionGuard(deployer, app);
                SessionLink link = new SessionLink(session, app, deployer.secretFile(app).read())) {
            ChaosTarget target = new ChaosTarget(deployer, app, local, new Random(settings.seed() + 1));
            long count = settings.duration().toMillis() * 3 / 4 / ChaosWorkload.STEP_DELAY_MS;
            ChaosWorkload workload = new ChaosWorkload(link, examplesJar, fs, base, count, words, out);
            workload.start(settings.countingJobs());
            Map<String, String> names = new LinkedHashMap<>();
            workload.jobs().stream().filter(j -> j.kind().equals("counting")).forEach(j -> names.put(j.jobId(), j.name()));
            awaitFirstCheckpoints(link, target, names, workload);
            Instant start = Instant.now();
            out.println("# jobs running, first checkpoints done; injecting faults");
            List<FaultRecord> records = new ArrayList<>();
            for (ChaosSchedule.Planned planned : schedule.faults()) {
                while (Duration.between(start, Instant.now()).compareTo(planned.at()) < 0) {
                    workload.tick();
                    Thread.sleep(500);
                }
                records.add(inject(planned.fault(), start, link, target, names, workload));
                out.println("  " + records.get(records.size() - 1).format());
            }
            out.println("# faults done; waiting for the jobs to end");
            workload.awaitEnd(Duration.ofMinutes(3).plus(settings.duration().dividedBy(2)));
            ChaosWorkload.Totals totals = workload.verify();
            List<String> rows = new ArrayList<>();
            rows.add(FaultRecord.header());
            records.forEach(r -> rows.add(r.format()));
            rows.add("");
            rows.addAll(totals.lines());
            int notRecovered = (int) records.stream().filter(r -> r.outcome().startsWith("NOT RECOVERED")).count();
            return new Result(rows, totals.lost(), totals.duplicated(), totals.failed(), notRecovered);
        }
    }

    private void awaitFirstCheckpoints(SessionLink link, ChaosTarget target, Map<String, String> names,
            ChaosWorkload workload) throws InterruptedException {
        ClusterView before = ClusterView.read(link, target, List.copyOf(names.keySet()), Duration.ofMinutes(1));
        FaultObserver.Observation first = new FaultObserver(link, target, names, before)
                .await(Instant.now(), Duration.ofMinutes(5), () -> tick(workload));
        if (first.recoveryMs() < 0) {
            throw new IllegalStateException("the jobs did not complete a checkpoint within 5 minutes: " + first.outcome());
        }
    }

    private FaultRecord inject(Fault fault, Instant start, SessionLink link, ChaosTarget target,
            Map<String, String> names, ChaosWorkload workload) throws InterruptedException {
        long at = Duration.between(start, Instant.now()).toMillis();
        if (!fault.applicable(target)) {
            return new FaultRecord(fault.name(), at, "-", "skipped: not applicable to this cluster", -1);
        }
        ClusterView before = ClusterView.read(link, target, List.copyOf(names.keySet()), Duration.ofMinutes(1));
        String hit;
        try {
            hit = fault.inject(target);
        } catch (Exception e) {
            return new FaultRecord(fault.name(), at, "-", "injection failed: " + e.getMessage(), -1);
        }
        FaultObserver.Observation observation = new FaultObserver(link, target, names, before)
                .await(Instant.now(), RECOVERY_TIMEOUT, () -> tick(workload));
        return new FaultRecord(fault.name(), at, hit, observation.outcome(), observation.recoveryMs());
    }

    private static void tick(ChaosWorkload workload) {
        try {
            workload.tick();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
