package io.spindle.bench.command;

import io.spindle.bench.checkpoint.CheckpointBench;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle bench checkpoints}: runs the counting example with a real JobManager, two
 * TaskExecutors, an embedded ZooKeeper and a local (or given) storageDir, and prints the
 * checkpoint overhead, trigger to complete, as median and p99. The work is done by
 * {@link CheckpointBench}.
 *
 * <p>Not thread-safe; picocli fills in one instance per invocation.
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = "Measure checkpoint overhead (trigger to complete, median and p99) of a running job.")
public final class CheckpointBenchCommand implements Callable<Integer> {

    @Option(names = "--parallelism", defaultValue = "4", description = "Tasks of the job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--interval", defaultValue = "1 s", converter = DurationConverter.class,
            description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", defaultValue = "60 s", converter = DurationConverter.class,
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Mixin
    ExamplesJarOption examplesJar;

    @Option(names = "--storage-dir", paramLabel = "URI",
            description = "storageDir to measure against (default: a temporary local folder).")
    String storageDir;

    @Override
    public Integer call() throws Exception {
        Path examples = examplesJar.resolve();
        PrintStream out = System.out;
        out.printf("# checkpoint overhead: %d tasks, interval %d ms, %d s, %s, %s%n", parallelism,
                interval.toMillis(), duration.toSeconds(), storageDir == null ? "local storageDir" : storageDir,
                java.time.LocalDate.now());
        CheckpointBench.Result result = new CheckpointBench(new CheckpointBench.Settings(examples,
                "io.spindle.examples.counting.CountingJob", parallelism, interval, duration, storageDir,
                Files.createTempDirectory("spindle-checkpoint-bench-"))).run(out);
        if (result.durationsMs().isEmpty()) {
            out.println("No checkpoint completed");
            return 3;
        }
        out.printf("checkpoint_trigger_to_complete_ms median %d p99 %d max %d (n %d, failed %d)%n",
                result.quantile(0.5), result.quantile(0.99), result.quantile(1.0), result.durationsMs().size(),
                result.failed());
        return 0;
    }
}
