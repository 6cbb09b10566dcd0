package io.spindle.cli;

import io.spindle.runtime.jobmanager.JobStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spindle cancel JOB_ID}: cancels a job, waits until it has ended and prints its final
 * state. A job that had ended already is left as it is (its final state is printed). An unknown
 * job id is an error (exit code {@value ExitCodes#USAGE_OR_CONFIG}).
 */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job and print its final state.")
public final class CancelCommand implements Callable<Integer> {

    @Mixin
    ConfigurationMixin configuration;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job to cancel.")
    String jobId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobId.isBlank()) {
            throw new IllegalArgumentException("JOB_ID is empty");
        }
        JobManagerConnection connection = cluster.connect(configuration.load(), configuration.confDir(), spec.commandLine().getErr());
        JobStatus status = connection.call(client -> client.cancel(jobId.strip()));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Job " + status.jobId() + " is " + status.state()
                + (status.failure() == null ? "" : " (last failure: " + status.failure() + ")"));
        out.flush();
        return 0;
    }
}
