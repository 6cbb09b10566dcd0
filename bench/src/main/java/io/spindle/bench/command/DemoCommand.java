package io.spindle.bench.command;

import io.spindle.bench.yarn.DashboardScreenshot;
import io.spindle.bench.yarn.FailoverScenario;
import io.spindle.bench.yarn.JobTakeover;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle demo}: shows recovery on YARN. Runs the counting example as a per-job cluster,
 * kills its ApplicationMaster in the middle, lets attempt 2 take over and adopt the tasks still
 * running (or, when it cannot, restart them from the latest checkpoint), checks the output holds
 * every record exactly once, and prints the timeline and the records computed twice. It
 * prints the dashboard's URL and, once attempt 2 has taken over, saves a screenshot of the dashboard
 * (its failover history shows attempt 1 and attempt 2) when chromium is installed.
 * Meant for the local cluster ({@code scripts/demo.sh} sets it up) but runs on any YARN cluster
 * found through {@code HADOOP_CONF_DIR}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the counting job per-job on YARN, kill its ApplicationMaster, and show attempt 2 recover it.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    YarnScenarioOptions yarn;

    @Option(names = "--count", defaultValue = "12000",
            description = "Records per task (default: ${DEFAULT-VALUE}: the tasks still run when attempt 2 adopts them"
                    + " and the dashboard is photographed).")
    int count;

    @Option(names = "--parallelism", defaultValue = "2", description = "Tasks (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--output", paramLabel = "URI", description = "Output folder (default: /spindle-demo/<time> on the default file system).")
    String output;

    @Option(names = "--screenshot", paramLabel = "FILE", defaultValue = "spindle-demo-dashboard.png",
            description = "Where to save a screenshot of the dashboard after the failover, when chromium is installed"
                    + " (default: ${DEFAULT-VALUE}).")
    Path screenshot;

    @Override
    public Integer call() throws Exception {
        String target = output != null ? output : "/spindle-demo/" + System.currentTimeMillis();
        FailoverScenario.Timeline timeline;
        CountingOutputCheck.Result check;
        PrintStream out;
        try (YarnScenarioSetup setup = yarn.open()) {
            out = setup.out();
            out.println("Spindle demo: counting job, " + parallelism + " tasks x " + count + " records, output " + target);
            PrintStream progress = out;
            timeline = setup.scenario().afterRecovery(url -> saveScreenshot(url, progress)).run(target, count,
                    parallelism, 3);
            check = setup.check(target, parallelism, count);
        }
        JobTakeover takeover = timeline.takeover();
        out.println();
        out.println("Timeline (from the kill of the ApplicationMaster):");
        out.printf("  %7.2f s  ApplicationMaster attempt 1 killed (SIGKILL) after checkpoint %d%n", 0.0,
                timeline.checkpointBeforeKill());
        out.printf("  %7.2f s  attempt 2 JVM started%n", timeline.attempt2JvmMs() / 1000.0);
        out.printf("  %7.2f s  attempt 2 is the leader%n", timeline.attempt2LeaderMs() / 1000.0);
        if (takeover.adopted()) {
            out.printf("  %7.2f s  tasks adopted at checkpoint %d, not restarted: they kept running on their"
                    + " TaskExecutors (%d tasks restarted)%n", timeline.takeoverMs() / 1000.0,
                    takeover.takeoverCheckpointId(), takeover.taskRestarts());
        } else {
            out.printf("  %7.2f s  tasks restarted: redeployed from checkpoint %d recovered from storageDir"
                    + " (%d tasks restarted)%n", timeline.takeoverMs() / 1000.0, takeover.takeoverCheckpointId(),
                    takeover.taskRestarts());
        }
        out.printf("  %7.2f s  checkpoint %d completed by attempt 2%n", timeline.checkpointMs() / 1000.0,
                takeover.firstCheckpointId());
        out.println("Application " + timeline.applicationId() + " ended " + timeline.finalStatus());
        out.println("Output: " + check.description());
        if (!check.exactlyOnce() || !timeline.finalStatus().equals("SUCCEEDED")) {
            out.println("Demo FAILED");
            return 2;
        }
        out.println("output verified; records reprocessed: " + check.reprocessed() + " (emitted "
                + check.emittedRecords() + ", in the output " + check.outputRecords() + ")");
        return 0;
    }

    /** Saves the dashboard as it shows the failover, if chromium is there; says why not otherwise. */
    private void saveScreenshot(String url, PrintStream out) {
        Optional<DashboardScreenshot> chromium = DashboardScreenshot.find();
        if (chromium.isEmpty()) {
            out.println("  no chromium found: no screenshot of the dashboard (Debian: apt-get install chromium)");
            return;
        }
        try {
            if (!DashboardScreenshot.awaitPage(url + "v1/cluster/leader-sessions", body -> body.contains("_000002"),
                    Duration.ofSeconds(30))) {
                out.println("  the dashboard did not show attempt 2 through the ResourceManager's proxy within 30 s;"
                        + " the screenshot shows what it did show");
            }
            out.println("  dashboard screenshot (failover history: attempt 1 and attempt 2): "
                    + chromium.get().take(url, screenshot));
        } catch (IOException e) {
            out.println("  no screenshot of the dashboard: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
