package io.spindle.bench.command;

import io.spindle.bench.ha.Figure;
import io.spindle.bench.yarn.ContainerMemory;
import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.StartupReport;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle bench yarn-submit}: how fast a cluster starts on the YARN cluster of
 * {@code HADOOP_CONF_DIR} (meant for a freshly started local cluster). Runs the counting job per-job
 * {@code --runs} times (the first run uploads lib/ when the shared copy does not exist yet; later
 * ones reuse it), then starts {@code --runs} sessions. Prints {@code <name> <median> <unit> (min,
 * max, n)} lines: {@code submit_to_per_job_running_ms} (first run),
 * {@code submit_to_per_job_running_cached_ms} (the others), {@code submit_to_session_ready_ms},
 * one {@code step_<name>_ms} line per start step (time since submission, per-job runs), and the
 * resident memory of an idle session's AM, and of the AM and a TaskExecutor running the job, read from
 * {@code /proc} (only when the containers run on this machine).
 */
@Command(name = "yarn-submit", mixinStandardHelpOptions = true,
        description = "Measure submit -> per-job tasks running and submit -> session ready on the YARN cluster of HADOOP_CONF_DIR.")
public final class SubmitBenchCommand implements Callable<Integer> {

    @Mixin
    YarnScenarioOptions yarn;

    @Option(names = "--runs", defaultValue = "3", description = "Per-job runs and sessions (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        List<Figure> figures = new ArrayList<>();
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        List<Double> first = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> sessionReady = new ArrayList<>();
        List<Double> amRss = new ArrayList<>();
        List<Double> teRss = new ArrayList<>();
        List<Double> amRunningRss = new ArrayList<>();
        PrintStream out;
        try (YarnScenarioSetup setup = yarn.open()) {
            out = setup.out();
            YarnClusterDeployer deployer = setup.deployer();
            for (int run = 1; run <= runs; run++) {
                out.println("# per-job run " + run + " of " + runs);
                ClusterHandle handle = deployer.deployPerJob(setup.conf(), new JobDescription(setup.examples(),
                        "io.spindle.examples.counting.CountingJob", List.of("--output",
                                "/spindle-bench/submit-" + System.currentTimeMillis(), "--count", "2000"),
                        2, "submit-bench"));
                StartupReport report = deployer.followStartup(handle, Duration.ofMinutes(3));
                double running = report.sinceSubmission(StartupTimeline.TASKS_RUNNING).orElseThrow(
                        () -> new IllegalStateException("the job's tasks did not run within 3 minutes")).toMillis();
                (report.libFilesUploaded() > 0 ? first : cached).add(running);
                out.println("# lib/ files uploaded: " + report.libFilesUploaded());
                report.steps().forEach(step -> steps.computeIfAbsent(step.name(), k -> new ArrayList<>())
                        .add((double) Duration.between(report.submittedAt(), step.at()).toMillis()));
                taskExecutor(deployer, handle.applicationId()).flatMap(ContainerMemory::rssMb).ifPresent(teRss::add);
                amContainer(deployer, handle.applicationId()).flatMap(ContainerMemory::rssMb)
                        .ifPresent(amRunningRss::add);
                deployer.awaitTermination(handle.applicationId(), Duration.ofMinutes(3));
            }
            for (int run = 1; run <= runs; run++) {
                out.println("# session " + run + " of " + runs);
                ClusterHandle session = deployer.deploySession(setup.conf());
                sessionReady.add((double) Duration.between(session.startup().submittedAt(), java.time.Instant.now())
                        .toMillis());
                ContainerId am = deployer.yarnClient().getApplicationAttemptReport(
                        deployer.report(session.applicationId()).getCurrentApplicationAttemptId()).getAMContainerId();
                Thread.sleep(5000); // idle: measured 5 s after it is ready, not in the middle of its start
                ContainerMemory.rssMb(am).ifPresent(amRss::add);
                deployer.stop(session.applicationId());
            }
        }
        out.println("# yarn submit, " + java.time.LocalDate.now());
        add(figures, "submit_to_per_job_running_ms", Figure.MILLIS, first);
        add(figures, "submit_to_per_job_running_cached_ms", Figure.MILLIS, cached);
        add(figures, "submit_to_session_ready_ms", Figure.MILLIS, sessionReady);
        steps.forEach((name, values) -> add(figures, "step_" + name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_") + "_ms", Figure.MILLIS, values));
        add(figures, "am_rss_idle_mb", "MB", amRss);
        add(figures, "am_rss_running_mb", "MB", amRunningRss);
        add(figures, "taskexecutor_rss_running_mb", "MB", teRss);
        figures.forEach(f -> out.println(f.format()));
        return 0;
    }

    /** The first container of the application's current attempt that is not the AM's. */
    private static Optional<ContainerId> taskExecutor(YarnClusterDeployer deployer, ApplicationId app) {
        try {
            var attempt = deployer.report(app).getCurrentApplicationAttemptId();
            ContainerId am = deployer.yarnClient().getApplicationAttemptReport(attempt).getAMContainerId();
            return deployer.yarnClient().getContainers(attempt).stream().map(ContainerReport::getContainerId)
                    .filter(id -> !id.equals(am)).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The AM container of the application's current attempt. */
    private static Optional<ContainerId> amContainer(YarnClusterDeployer deployer, ApplicationId app) {
        try {
            var attempt = deployer.report(app).getCurrentApplicationAttemptId();
            return Optional.of(deployer.yarnClient().getApplicationAttemptReport(attempt).getAMContainerId());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void add(List<Figure> figures, String name, String unit, List<Double> values) {
        if (!values.isEmpty()) {
            figures.add(new Figure(name, unit, values));
        }
    }
}
