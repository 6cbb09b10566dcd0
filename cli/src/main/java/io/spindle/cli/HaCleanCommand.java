package io.spindle.cli;

import io.spindle.ha.zookeeper.ClusterHaData;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code spindle ha clean --cluster-id ID}: removes one cluster's ZooKeeper subtree and storageDir
 * folder after confirmation ({@code --yes} skips it). Refuses while the cluster has a live leader
 * unless {@code --force}.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Remove one cluster's HA data: its ZooKeeper subtree, then its storageDir folder.")
public final class HaCleanCommand implements Callable<Integer> {

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--cluster-id", required = true, description = "The cluster whose HA data to remove.")
    String clusterId;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--force", description = "Remove even while the cluster has a live leader.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HaDataLocation location = HaDataLocation.of(configuration.load());
        String id = HaDataLocation.normalize(clusterId);
        ClusterStorage storage = location.storage(id);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZooKeeperClientFactory factory = location.zooKeeper();
        try (CuratorFramework root = factory.startRootClient()) {
            ClusterHaData data = new ClusterHaData(root, id, storage);
            String znode = "/" + factory.rootNamespace() + data.clusterZnode();
            if (!data.exists()) {
                err.println("Error: no HA data for cluster-id '" + id + "' (no znode " + znode + " at " + factory.quorum()
                        + ", no folder " + storage.clusterDir() + ")");
                return ExitCodes.USAGE_OR_CONFIG;
            }
            if (!force && root.checkExists().forPath(data.clusterZnode() + ZooKeeperLayout.JOBMANAGER_LEADER) != null) {
                err.println("Error: cluster '" + id + "' has a live leader (" + znode + ZooKeeperLayout.JOBMANAGER_LEADER
                        + "); stop the cluster first, or pass --force");
                return ExitCodes.USAGE_OR_CONFIG;
            }
            if (!yes && !confirm(out, "Delete znode " + znode + " and folder " + storage.clusterDir() + "? [y/N] ")) {
                out.println("Aborted; nothing was deleted.");
                return ExitCodes.USAGE_OR_CONFIG;
            }
            data.deleteAll();
            out.println("Deleted znode " + znode + " and folder " + storage.clusterDir() + ".");
            return 0;
        }
    }

    private static boolean confirm(PrintWriter out, String question) throws java.io.IOException {
        out.print(question);
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
