package io.spindle.cli.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spindle local-cluster start}: checks that a cluster can start in DIR, forks the cluster
 * JVM, and returns once it is ready, printing how to use it. Exit 0 when ready; 1 when a cluster
 * already runs there, a port is taken, DIR is someone else's, or the cluster failed or was not
 * ready within {@code SPINDLE_LOCAL_CLUSTER_START_TIMEOUT} seconds (default 120; then it is stopped).
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a local cluster in the background and wait until it is ready.",
        footer = {"", "Environment: SPINDLE_LOCAL_CLUSTER_JVM_OPTS (default -Xmx768m),"
                + " SPINDLE_LOCAL_CLUSTER_START_TIMEOUT (seconds, default 120)."})
public final class LocalClusterStartCommand implements Callable<Integer> {

    @Mixin
    ClusterDirOption dir;

    @Option(names = "--node-managers", paramLabel = "N", description = "How many YARN NodeManagers (default 2).")
    Integer nodeManagers;

    @Option(names = "--node-manager-memory", paramLabel = "MB",
            description = "Memory each NodeManager offers to containers, in MB (default 4096).")
    Integer nodeManagerMemory;

    @Option(names = "--zookeeper-port", paramLabel = "PORT", description = "ZooKeeper's client port (default: a free one).")
    Integer zooKeeperPort;

    @Option(names = "--namenode-port", paramLabel = "PORT", description = "The HDFS NameNode's RPC port (default: a free one).")
    Integer nameNodePort;

    @Option(names = "--zookeeper-ensemble", paramLabel = "N",
            description = "Run ZooKeeper as an ensemble of N separate JVMs, each restarted when it dies"
                    + " (for chaos runs; default 1: one server in the cluster's JVM).")
    Integer zooKeeperEnsemble;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalClusterJvms jvms = LocalClusterJvms.fromEnvironment();
        List<String> options = new ArrayList<>();
        add(options, "--node-managers", nodeManagers);
        add(options, "--node-manager-memory", nodeManagerMemory);
        add(options, "--zookeeper-port", zooKeeperPort);
        add(options, "--namenode-port", nameNodePort);
        add(options, "--zookeeper-ensemble", zooKeeperEnsemble);
        return jvms.start(dir.resolve(System.getenv()), options, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private static void add(List<String> options, String name, Integer value) {
        if (value != null) {
            options.add(name);
            options.add(value.toString());
        }
    }
}
