package io.spindle.runtime.entrypoint;

import io.spindle.configuration.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The TaskExecutor daemon ({@code bin/taskmanager.sh}, and the process in each YARN TaskExecutor
 * container): follows the leading JobManager and runs tasks until killed or told to exit.
 * In a YARN container the container id (environment {@code CONTAINER_ID}) is its resource id.
 */
@Command(name = "taskexecutor", mixinStandardHelpOptions = true,
        description = "Runs a TaskExecutor that offers its slots to the leading JobManager.")
public final class TaskExecutorEntrypoint implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutorEntrypoint.class);

    @Mixin
    private DaemonConfigurationOptions configuration;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TaskExecutorEntrypoint()).execute(args));
    }

    @Override
    public Integer call() {
        return DaemonMain.run("The TaskExecutor", this::runTaskExecutor, System.err);
    }

    private int runTaskExecutor() throws Exception {
        Configuration conf = configuration.load();
        String containerId = System.getenv().getOrDefault("CONTAINER_ID", "");
        Path workDir = containerId.isEmpty() ? Files.createTempDirectory("spindle-taskexecutor-")
                : Path.of("").toAbsolutePath().resolve("spindle-work");
        TaskExecutorProcess process = TaskExecutorProcess.start(conf, new org.apache.hadoop.conf.Configuration(),
                containerId, workDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.close();
            DaemonMain.deleteWorkDir(workDir);
        }, "taskexecutor-shutdown"));
        String reason = process.shutdownRequested().join();
        LOG.info("TaskExecutor exiting: {}", reason);
        process.close();
        DaemonMain.deleteWorkDir(workDir);
        return 0;
    }
}
