package io.spindle.bench.command;

import io.spindle.bench.ha.Figure;
import io.spindle.bench.yarn.FailoverScenario;
import io.spindle.bench.yarn.JobTakeover;
import io.spindle.bench.yarn.SessionFailoverScenario;
import io.spindle.yarn.client.ClusterHandle;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle bench yarn-failover}: on the YARN cluster of {@code HADOOP_CONF_DIR} (e.g. the
 * local cluster), measures submit → session ready, and then, per run, the AM-restart scenario of
 * {@link FailoverScenario}: submit → per-job running, kill → attempt-2 JVM, → attempt-2 leader,
 * → tasks adopted (or restored), → first checkpoint completed by attempt 2, the tasks restarted and
 * the records computed twice. With {@code --jobs N}, per run a session of N one-task jobs whose AM
 * is killed ({@link SessionFailoverScenario}): kill → every job checkpointing under attempt 2.
 * Prints one line per figure, {@code <name> <median> <unit> (min, max, n)} ({@link Figure}).
 * Exits 0 when every run's jobs succeeded with exactly-once output, 2 otherwise.
 */
@Command(name = "yarn-failover", mixinStandardHelpOptions = true,
        description = "Measure session start and ApplicationMaster failover on the YARN cluster of HADOOP_CONF_DIR.")
public final class FailoverBenchCommand implements Callable<Integer> {

    private static final String TASKS = "tasks";
    private static final String RECORDS = "records";

    @Mixin
    YarnScenarioOptions yarn;

    @Option(names = "--runs", defaultValue = "3", description = "Failover runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Instead of a per-job cluster, a session of N one-task counting jobs whose AM is killed.")
    Integer jobs;

    @Option(names = "--slots", defaultValue = "10",
            description = "With --jobs: slots per TaskExecutor of the session (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--count", defaultValue = "8000",
            description = "Records per task; they must outlast the failover (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--step-delay-ms", defaultValue = "2",
            description = "With --jobs: milliseconds each task sleeps after a record (default: ${DEFAULT-VALUE}; per-job runs use 2).")
    int stepDelayMs;

    @Override
    public Integer call() throws Exception {
        try (YarnScenarioSetup setup = yarn.open()) {
            return jobs == null ? perJob(setup) : session(setup, jobs);
        }
    }

    private int perJob(YarnScenarioSetup setup) throws Exception {
        PrintStream out = setup.out();
        long started = System.nanoTime();
        ClusterHandle session = setup.deployer().deploySession(setup.conf());
        double sessionReady = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        setup.deployer().stop(session.applicationId());
        int parallelism = 2;
        List<FailoverScenario.Timeline> timelines = new ArrayList<>();
        List<Double> reprocessed = new ArrayList<>();
        List<Double> emitted = new ArrayList<>();
        boolean ok = true;
        for (int run = 1; run <= runs; run++) {
            out.println("# run " + run + " of " + runs);
            FailoverScenario.Timeline timeline = setup.scenario().run("/spindle-bench/failover-"
                    + System.currentTimeMillis(), count, parallelism, 3);
            CountingOutputCheck.Result check = setup.check(timeline.output(), parallelism, count);
            out.println("  attempt 2 " + timeline.takeover().recovery() + " the tasks; output " + check.description()
                    + ", " + check.emittedRecords() + " records emitted");
            timelines.add(timeline);
            reprocessed.add((double) check.reprocessed());
            emitted.add((double) check.emittedRecords());
            ok &= check.exactlyOnce() && timeline.finalStatus().equals("SUCCEEDED");
        }
        long adopted = timelines.stream().filter(FailoverScenario.Timeline::adopted).count();
        out.println("# yarn failover, " + java.time.LocalDate.now() + ": per-job cluster, " + parallelism + " tasks x "
                + count + " records; attempt 2 adopted the tasks in " + adopted + " of " + timelines.size() + " runs");
        print(out, "submit_to_session_ready_ms", Figure.MILLIS, List.of(sessionReady));
        print(out, "submit_to_per_job_running_ms", Figure.MILLIS, values(timelines, FailoverScenario.Timeline::submitToRunningMs));
        print(out, "kill_to_attempt2_jvm_ms", Figure.MILLIS, values(timelines, FailoverScenario.Timeline::attempt2JvmMs));
        print(out, "attempt2_jvm_to_leader_ms", Figure.MILLIS,
                values(timelines, t -> t.attempt2LeaderMs() - t.attempt2JvmMs()));
        print(out, "kill_to_attempt2_leader_ms", Figure.MILLIS, values(timelines, FailoverScenario.Timeline::attempt2LeaderMs));
        print(out, "kill_to_tasks_adopted_ms", Figure.MILLIS,
                values(timelines.stream().filter(FailoverScenario.Timeline::adopted).toList(),
                        FailoverScenario.Timeline::takeoverMs));
        print(out, "kill_to_tasks_restored_ms", Figure.MILLIS,
                values(timelines.stream().filter(t -> !t.adopted()).toList(), FailoverScenario.Timeline::takeoverMs));
        print(out, "kill_to_checkpoint_ms", Figure.MILLIS, values(timelines, FailoverScenario.Timeline::checkpointMs));
        print(out, "task_restarts", TASKS, values(timelines, t -> t.takeover().taskRestarts()));
        print(out, "records_emitted", RECORDS, emitted);
        print(out, "records_reprocessed", RECORDS, reprocessed);
        return ok ? 0 : 2;
    }

    private int session(YarnScenarioSetup setup, int n) throws Exception {
        PrintStream out = setup.out();
        List<SessionFailoverScenario.Result> results = new ArrayList<>();
        List<Double> reprocessed = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        boolean ok = true;
        for (int run = 1; run <= runs; run++) {
            out.println("# run " + run + " of " + runs);
            SessionFailoverScenario.Result result = setup.sessionScenario().run("/spindle-bench/session-failover-"
                    + System.currentTimeMillis(), n, slots, count, stepDelayMs);
            long runReprocessed = 0;
            boolean exactlyOnce = true;
            for (String output : result.outputs()) {
                CountingOutputCheck.Result check = setup.check(output, 1, count);
                runReprocessed += check.reprocessed();
                exactlyOnce &= check.exactlyOnce();
                if (!check.exactlyOnce()) {
                    out.println("  " + output + ": " + check.description());
                }
            }
            out.println("  " + result.adoptedJobs() + " of " + n + " jobs adopted; outputs "
                    + (exactlyOnce ? "exactly-once" : "NOT exactly-once") + ", " + runReprocessed + " records reprocessed");
            results.add(result);
            reprocessed.add((double) runReprocessed);
            restarts.add((double) result.takeovers().stream().mapToInt(JobTakeover::taskRestarts).sum());
            ok &= exactlyOnce && result.finished();
        }
        out.println("# yarn session failover, " + java.time.LocalDate.now() + ": " + n + " jobs x 1 task x " + count
                + " records, " + slots + " slots per TaskExecutor");
        print(out, "kill_to_attempt2_jvm_ms", Figure.MILLIS, values(results, SessionFailoverScenario.Result::attempt2JvmMs));
        print(out, "attempt2_jvm_to_leader_ms", Figure.MILLIS,
                values(results, r -> r.attempt2LeaderMs() - r.attempt2JvmMs()));
        print(out, "kill_to_all_jobs_checkpointing_ms", Figure.MILLIS,
                values(results, SessionFailoverScenario.Result::allCheckpointingMs));
        print(out, "jobs_adopted", "jobs", values(results, SessionFailoverScenario.Result::adoptedJobs));
        print(out, "task_restarts", TASKS, restarts);
        print(out, "records_reprocessed", RECORDS, reprocessed);
        return ok ? 0 : 2;
    }

    /** The figure {@code f} of every run, as the samples of a {@link Figure}. */
    private static <T> List<Double> values(List<T> runs, ToLongFunction<T> f) {
        return runs.stream().map(run -> (double) f.applyAsLong(run)).toList();
    }

    /** Prints the figure of the valid (non-negative) values; a line saying so when there is none. */
    private static void print(PrintStream out, String name, String unit, List<Double> values) {
        List<Double> valid = values.stream().filter(v -> v >= 0).toList();
        if (valid.isEmpty()) {
            out.println("# " + name + ": no run measured it");
            return;
        }
        out.println(new Figure(name, unit, valid).format());
    }
}
