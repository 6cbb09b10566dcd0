package io.spindle.bench.command;

import io.spindle.bench.chaos.SoakRun;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle bench soak}: jobs submitted, run, cancelled and finished in a loop on a session
 * of the YARN cluster of {@code HADOOP_CONF_DIR}, with a few AM kills; prints each resource figure
 * at the start, after the warm-up and at the end, with the JobManager process each is from (the
 * JobManager's figures are compared within its last process; see {@link SoakRun}). Exit 0 when no figure grew
 * past its margin and every job ended as expected; 2 otherwise.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run, cancel and finish jobs in a loop on a session and check that nothing grows without bound.")
public final class SoakBenchCommand implements Callable<Integer> {

    @Mixin
    YarnScenarioOptions yarn;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long jobs are submitted, e.g. 10m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--min-jobs", defaultValue = "50", description = "Jobs to run at least (default: ${DEFAULT-VALUE}).")
    int minJobs;

    @Option(names = "--am-kills", defaultValue = "3", description = "ApplicationMaster kills (default: ${DEFAULT-VALUE}).")
    int amKills;

    @Override
    public Integer call() throws Exception {
        SoakRun.Result result;
        java.io.PrintStream out;
        try (YarnScenarioSetup setup = yarn.open()) {
            out = setup.out();
            result = new SoakRun(setup.deployer(), setup.conf(), setup.examples(), out)
                    .run(new SoakRun.Settings(duration, minJobs, amKills));
        }
        out.println("# soak run, " + java.time.LocalDate.now() + ", --duration " + duration.toSeconds() + "s");
        result.rows().forEach(out::println);
        return !result.grew() && result.wrongEnds() == 0 ? 0 : 2;
    }
}
