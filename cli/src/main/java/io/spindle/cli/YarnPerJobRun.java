package io.spindle.cli;

import io.spindle.configuration.Configuration;
import io.spindle.yarn.common.StagedJob;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.ClusterPreflight;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;

/**
 * {@code spindle run -t yarn-per-job}: starts a YARN application for one job and, unless detached,
 * prints its start steps until its tasks run and waits for it to end. The job (entry class and arguments) is checked before YARN is contacted
 * ({@link ClusterPreflight#checkJob}). Exit codes: 0 when submitted ({@code -d}) or SUCCEEDED, 2 when the
 * application ended otherwise; deployment errors are thrown (one line, see {@link CliErrorHandler}).
 */
final class YarnPerJobRun {

    private final Path confDir;
    private final PrintWriter out;

    YarnPerJobRun(Path confDir, PrintWriter out) {
        this.confDir = confDir;
        this.out = out;
    }

    int run(Configuration conf, JobJar jar, List<String> arguments, int parallelism, String name, boolean detached)
            throws Exception {
        JobDescription job = new JobDescription(jar.path(), jar.entryClass(), arguments, parallelism,
                name == null || name.isBlank() ? jar.entryClass().substring(jar.entryClass().lastIndexOf('.') + 1) : name);
        ClusterPreflight.checkJob(job);
        try (YarnClusterDeployer deployer = DeployerFactory.create(confDir, out)) {
            ClusterHandle handle = deployer.deployPerJob(conf, job);
            out.println("Job has been submitted with JobID " + StagedJob.jobIdOf(handle.applicationId())
                    + " in application " + handle.applicationId());
            out.flush();
            if (detached) {
                return 0;
            }
            deployer.followStartup(handle, Duration.ofMinutes(3));
            out.println("Waiting for application " + handle.applicationId() + " to end (Ctrl-C stops waiting;"
                    + " 'yarn application -kill " + handle.applicationId() + "' stops it).");
            out.flush();
            Optional<ApplicationReport> end = deployer.awaitTermination(handle.applicationId(), Duration.ofDays(365));
            if (end.isEmpty()) {
                return ExitCodes.JOB_NOT_FINISHED;
            }
            ApplicationReport report = end.get();
            out.println("Application " + handle.applicationId() + " ended " + report.getYarnApplicationState() + "/"
                    + report.getFinalApplicationStatus()
                    + (report.getDiagnostics().isBlank() ? "" : ": " + report.getDiagnostics().strip()));
            out.flush();
            return report.getFinalApplicationStatus() == FinalApplicationStatus.SUCCEEDED ? 0
                    : ExitCodes.JOB_NOT_FINISHED;
        }
    }
}
