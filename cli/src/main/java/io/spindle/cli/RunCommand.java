package io.spindle.cli;

import io.spindle.configuration.Configuration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spindle run [-t TARGET] [-p PARALLELISM] [-c ENTRY_CLASS] [-d] JAR [ARGS...]}: submits a
 * job and, unless {@code -d}, waits for it to end, printing each change of state.
 *
 * <p>The jar, the entry class and the parallelism are checked before anything is contacted.
 * Everything after {@code JAR} is passed to the job, options included. Exit codes: 0 when the job
 * was submitted ({@code -d}) or finished; {@value ExitCodes#JOB_NOT_FINISHED} when it failed
 * or was cancelled; {@value ExitCodes#USAGE_OR_CONFIG} for bad input or a refused job;
 * {@value ExitCodes#SERVICE_FAILURE} when the JobManager or ZooKeeper cannot be reached.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Submit a job to a running cluster and wait for it to end (or return at once with -d).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigurationMixin configuration;

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-p", "--parallelism"}, paramLabel = "PARALLELISM", defaultValue = "1",
            description = "Number of parallel tasks (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = {"-c", "--class"}, paramLabel = "ENTRY_CLASS",
            description = "The job class in the jar (default: Spindle-Job-Class or Main-Class of its manifest).")
    String entryClass;

    @Option(names = {"-d", "--detached"}, description = "Return once the job is submitted; do not wait for it.")
    boolean detached;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name of the job (default: the entry class's simple name).")
    String name;

    @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "1000",
            description = "How often to ask for the job's state while waiting, in ms (default: ${DEFAULT-VALUE}).")
    long pollIntervalMillis;

    @Parameters(index = "0", paramLabel = "JAR", description = "The job's jar file.")
    Path jar;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments of the job.")
    List<String> arguments = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism (-p) must be at least 1, got " + parallelism);
        }
        if (pollIntervalMillis < 10 || pollIntervalMillis > 60_000) {
            throw new IllegalArgumentException("--poll-interval must be between 10 and 60000 ms, got " + pollIntervalMillis);
        }
        JobJar job = JobJar.check(jar, entryClass);
        Configuration conf = configuration.load();
        PrintWriter out = spec.commandLine().getOut();
        if (cluster.target == DeploymentTarget.YARN_PER_JOB) {
            return new YarnPerJobRun(configuration.confDir(), out).run(conf, job, arguments, parallelism, name, detached);
        }
        JobManagerConnection connection = cluster.connect(conf, configuration.confDir(), spec.commandLine().getErr());

        long submittedAt = System.nanoTime();
        String jobId = connection.call(client -> client.submit(job.path(), job.entryClass(), arguments, parallelism, name));
        out.println("Job has been submitted with JobID " + jobId);
        out.flush();
        if (detached) {
            return 0;
        }
        out.println("Waiting for the job to end (Ctrl-C stops waiting; the job keeps running; 'spindle cancel "
                + jobId + "' stops it).");
        out.flush();
        return new JobWatcher(connection, out, spec.commandLine().getErr(), Duration.ofMillis(pollIntervalMillis))
                .waitForEnd(jobId, submittedAt);
    }
}
