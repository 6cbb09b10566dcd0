package io.spindle.cli;

import io.spindle.ha.inspect.Finding;
import io.spindle.ha.inspect.HaInspector;
import io.spindle.ha.inspect.InspectionReport;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spindle ha inspect}: prints each cluster's ZooKeeper tree and checks every pointer against
 * its file (dangling pointer, checksum mismatch, orphaned file). Exit code 0 when all is
 * consistent, 2 when something is wrong. Reads only.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the ZooKeeper tree of one or all clusters and check every pointer against its file in storageDir.")
public final class HaInspectCommand implements Callable<Integer> {

    /** Exit code when the inspection found problems. */
    public static final int EXIT_PROBLEMS = 2;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--cluster-id", description = "Only this cluster (default: every cluster under the root).")
    String clusterId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HaDataLocation location = HaDataLocation.of(configuration.load());
        PrintWriter out = spec.commandLine().getOut();
        ZooKeeperClientFactory factory = location.zooKeeper();
        try (CuratorFramework root = factory.startRootClient()) {
            HaInspector inspector = new HaInspector(root, location.hadoopConf());
            List<String> ids = clusterId != null ? List.of(HaDataLocation.normalize(clusterId)) : inspector.clusterIds();
            if (ids.isEmpty()) {
                out.println("No clusters under /" + factory.rootNamespace() + " at " + factory.quorum() + ".");
                return 0;
            }
            int problems = 0;
            for (String id : ids) {
                ClusterStorage storage = location.storage(id);
                InspectionReport report = inspector.inspect(id, storage);
                out.println("Cluster " + id + " (znode /" + factory.rootNamespace() + "/" + id + ", storage " + storage.clusterDir() + ")");
                report.tree().forEach(line -> out.println("  " + line));
                out.println("  " + report.pointers() + " pointers checked, " + report.findings().size() + " problems");
                for (Finding f : report.findings()) {
                    out.println("  PROBLEM " + f);
                }
                problems += report.findings().size();
            }
            out.flush();
            return problems == 0 ? 0 : EXIT_PROBLEMS;
        }
    }
}
