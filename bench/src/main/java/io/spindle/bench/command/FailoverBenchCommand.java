package io.spindle.bench.command;

import io.spindle.bench.yarn.FailoverScenario;
import io.spindle.cli.ConfigurationMixin;
import io.spindle.yarn.client.ClusterHandle;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spindle bench yarn-failover}: on the YARN cluster of {@code HADOOP_CONF_DIR} (e.g. the
 * local cluster), measures submit → session ready, and then, per run, the AM-restart scenario of
 * {@link FailoverScenario}: submit → per-job running, kill → attempt-2 JVM, → attempt-2 leader,
 * → job graph and checkpoint recovered, → all tasks running again. Prints one line per figure:
 * {@code <name> <median> ms (min, max, n)}.
 */
@Command(name = "yarn-failover", mixinStandardHelpOptions = true,
        description = "Measure session start and ApplicationMaster failover on the YARN cluster of HADOOP_CONF_DIR.")
public final class FailoverBenchCommand implements Callable<Integer> {

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--runs", defaultValue = "3", description = "Failover runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    ExamplesJarOption examplesJar;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Long> sessionReady = new ArrayList<>();
        List<FailoverScenario.Timeline> timelines = new ArrayList<>();
        PrintStream out;
        try (YarnScenarioSetup setup = YarnScenarioSetup.open(configuration, examplesJar, spec.commandLine().getOut())) {
            out = setup.out();
            long started = System.nanoTime();
            ClusterHandle session = setup.deployer().deploySession(setup.conf());
            sessionReady.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            setup.deployer().stop(session.applicationId());
            for (int run = 1; run <= runs; run++) {
                out.println("# run " + run + " of " + runs);
                timelines.add(setup.scenario().run("/spindle-bench/failover-" + System.currentTimeMillis(), 4000, 2, 3));
            }
        }
        out.println("# yarn failover, " + java.time.LocalDate.now());
        print(out, "submit_to_session_ready_ms", sessionReady);
        print(out, "submit_to_per_job_running_ms", values(timelines, FailoverScenario.Timeline::submitToRunningMs));
        print(out, "kill_to_attempt2_jvm_ms", values(timelines, FailoverScenario.Timeline::attempt2JvmMs));
        print(out, "kill_to_attempt2_leader_ms", values(timelines, FailoverScenario.Timeline::attempt2LeaderMs));
        print(out, "kill_to_recovered_ms", values(timelines, FailoverScenario.Timeline::recoveredMs));
        print(out, "kill_to_tasks_running_ms", values(timelines, FailoverScenario.Timeline::tasksRunningMs));
        print(out, "attempt2_jvm_to_leader_ms", values(timelines, t -> t.attempt2LeaderMs() - t.attempt2JvmMs()));
        return timelines.stream().allMatch(t -> t.finalStatus().equals("SUCCEEDED")) ? 0 : 2;
    }

    private static List<Long> values(List<FailoverScenario.Timeline> timelines, ToLongFunction<FailoverScenario.Timeline> f) {
        List<Long> values = new ArrayList<>();
        timelines.forEach(t -> values.add(f.applyAsLong(t)));
        return values;
    }

    private static void print(PrintStream out, String name, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        out.printf("%s %d ms (min %d, max %d, n %d)%n", name, sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1), sorted.size());
    }
}
