package io.spindle.cli.localcluster;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle local-cluster stop}: SIGTERM to the cluster JVM, SIGKILL after the timeout, then
 * DIR is deleted. Exit 0 when stopped, 1 when none was running.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the local cluster and delete its directory.")
public final class LocalClusterStopCommand implements Callable<Integer> {

    @Mixin
    ClusterDirOption dir;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait after SIGTERM before SIGKILL (default: SPINDLE_STOP_TIMEOUT, else 30).")
    Integer timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String timeout = timeoutSeconds != null ? timeoutSeconds.toString()
                : System.getenv().getOrDefault("SPINDLE_STOP_TIMEOUT", "30");
        return LocalClusterJvms.fromEnvironment().control("stop", dir.resolve(System.getenv()), List.of("--timeout", timeout));
    }
}
