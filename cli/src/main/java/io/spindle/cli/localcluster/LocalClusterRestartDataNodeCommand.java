package io.spindle.cli.localcluster;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code spindle local-cluster restart-datanode}: asks the running local cluster to restart its
 * DataNode (same ports, same data) and waits until HDFS sees it again, at most 30 s. Exit 0 once
 * restarted, 1 when no cluster runs or the restart failed. For chaos runs.
 */
@Command(name = "restart-datanode", mixinStandardHelpOptions = true,
        description = "Restart the local cluster's HDFS DataNode and wait until it is back.")
public final class LocalClusterRestartDataNodeCommand implements Callable<Integer> {

    @Mixin
    ClusterDirOption dir;

    @Override
    public Integer call() throws Exception {
        return LocalClusterJvms.fromEnvironment().control("restart-datanode", dir.resolve(System.getenv()), List.of());
    }
}
