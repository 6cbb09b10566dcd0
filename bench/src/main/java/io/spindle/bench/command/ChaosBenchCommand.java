package io.spindle.bench.command;

import io.spindle.bench.chaos.ChaosRun;
import io.spindle.yarn.client.HadoopConfigurationLocator;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle bench chaos}: faults injected at seeded random moments into a YARN session
 * running counting jobs and word counts, then every output checked exactly once; see
 * {@link ChaosRun}. Exit 0 when nothing was lost, duplicated or failed and the cluster recovered
 * from every fault; 2 otherwise.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Inject faults (AM kills, TaskExecutor kills and pauses, ZooKeeper leader and ensemble restarts,"
                + " a DataNode restart, a slow AM) into a session on the YARN cluster of HADOOP_CONF_DIR and check"
                + " every job's output exactly once.",
                "ZooKeeper and DataNode faults need a local cluster started with --zookeeper-ensemble 3;"
                        + " process faults need the containers on this machine."})
public final class ChaosBenchCommand implements Callable<Integer> {

    @Mixin
    YarnScenarioOptions yarn;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long the jobs run and faults are injected, e.g. 3m or 600s (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault schedule (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--faults", description = "How many faults (default: one per 50 s, at least 4).")
    Integer faults;

    @Option(names = "--counting-jobs", defaultValue = "2", description = "Counting jobs (default: ${DEFAULT-VALUE}).")
    int countingJobs;

    @Override
    public Integer call() throws Exception {
        ChaosRun.Settings defaults = ChaosRun.Settings.of(duration, seed);
        ChaosRun.Settings settings = new ChaosRun.Settings(duration, seed, faults == null ? defaults.faults() : faults,
                countingJobs);
        ChaosRun.Result result;
        java.io.PrintStream out;
        try (YarnScenarioSetup setup = yarn.open()) {
            out = setup.out();
            result = new ChaosRun(setup.deployer(), setup.conf(), setup.examples(),
                    new HadoopConfigurationLocator(System::getenv).locate().directory(), out).run(settings);
        }
        out.println("# chaos run, " + java.time.LocalDate.now() + ", --duration " + duration.toSeconds() + "s --seed " + seed);
        result.rows().forEach(out::println);
        out.println();
        result.totals().forEach(out::println);
        return result.clean() ? 0 : 2;
    }
}
