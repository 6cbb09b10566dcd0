package io.spindle.cli.localcluster;

import picocli.CommandLine.Command;

/**
 * {@code spindle local-cluster start|status|stop|restart-datanode}: ZooKeeper, HDFS and YARN in one background JVM,
 * for first runs and demos. The cluster JVM runs from {@code lib/*} plus {@code lib/local-cluster/*}
 * (the mini-cluster jars, which neither this CLI nor Spindle's daemons see); see
 * {@link LocalClusterJvms}.
 */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = "A local ZooKeeper, HDFS and YARN in one background JVM, for first runs and demos.",
        footer = {"", "DIR (--dir) defaults to $TMPDIR/spindle-local-cluster-$USER (/tmp without TMPDIR) and holds all"
                + " of it: data, logs (local-cluster.log, container logs under yarn/), and hadoop-conf/ and conf/"
                + " for clients."},
        subcommands = {LocalClusterStartCommand.class, LocalClusterStatusCommand.class, LocalClusterStopCommand.class,
                LocalClusterRestartDataNodeCommand.class})
public final class LocalClusterCommand {
}
