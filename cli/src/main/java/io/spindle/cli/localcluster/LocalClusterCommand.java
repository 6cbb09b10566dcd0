package io.spindle.cli.localcluster;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spindle local-cluster start|status|stop|restart-datanode}: ZooKeeper, HDFS and YARN in one background JVM,
 * for first runs and demos. The cluster JVM runs from {@code lib/*} plus {@code lib/local-cluster/*}
 * (the mini-cluster jars, which neither this CLI nor Spindle's daemons see); see
 * {@link LocalClusterJvms}.
 *
 * <p>{@code start} is a class of its own ({@link LocalClusterStartCommand}); the other three only
 * pass DIR (and {@code stop} its timeout) to the control JVM, and are the methods below.
 */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = "A local ZooKeeper, HDFS and YARN in one background JVM, for first runs and demos.",
        footer = {"", "DIR (--dir) defaults to $TMPDIR/spindle-local-cluster-$USER (/tmp without TMPDIR) and holds all"
                + " of it: data, logs (local-cluster.log, container logs under yarn/), and hadoop-conf/ and conf/"
                + " for clients."},
        subcommands = LocalClusterStartCommand.class)
public final class LocalClusterCommand {

    /** {@code spindle local-cluster status}: exit 0 if a cluster runs in DIR and is ready, 1 if not. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Tell whether a local cluster runs (exit 0 if it runs and is ready, 1 if not).")
    int status(@Mixin ClusterDirOption dir) throws Exception {
        return control("status", dir, List.of());
    }

    /**
     * {@code spindle local-cluster stop}: SIGTERM to the cluster JVM, SIGKILL after the timeout,
     * then DIR is deleted. Exit 0 when stopped, 1 when none was running.
     */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the local cluster and delete its directory.")
    int stop(@Mixin ClusterDirOption dir,
            @Option(names = "--timeout", paramLabel = "SECONDS",
                    description = "How long to wait after SIGTERM before SIGKILL (default: SPINDLE_STOP_TIMEOUT, else 30).")
            Integer timeoutSeconds) throws Exception {
        String timeout = timeoutSeconds != null ? timeoutSeconds.toString()
                : System.getenv().getOrDefault("SPINDLE_STOP_TIMEOUT", "30");
        return control("stop", dir, List.of("--timeout", timeout));
    }

    /**
     * {@code spindle local-cluster restart-datanode}: asks the running local cluster to restart its
     * DataNode (same ports, same data) and waits until HDFS sees it again, at most 30 s. Exit 0
     * once restarted, 1 when no cluster runs or the restart failed. For chaos runs.
     */
    @Command(name = "restart-datanode", mixinStandardHelpOptions = true,
            description = "Restart the local cluster's HDFS DataNode and wait until it is back.")
    int restartDataNode(@Mixin ClusterDirOption dir) throws Exception {
        return control("restart-datanode", dir, List.of());
    }

    private static int control(String command, ClusterDirOption dir, List<String> options) throws Exception {
        return LocalClusterJvms.fromEnvironment().control(command, dir.resolve(System.getenv()), options);
    }
}
