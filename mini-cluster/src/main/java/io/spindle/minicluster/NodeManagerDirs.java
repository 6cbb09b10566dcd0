package io.spindle.minicluster;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;

/**
 * The NodeManagers of a {@link MiniYARNCluster} and the folders they keep on local disk: local
 * dirs (localized files, the {@code nmPrivate/} pid files) and log dirs (container logs).
 *
 * <p>Thread safety: stateless; the answers reflect the cluster at the time of the call.
 */
public final class NodeManagerDirs {

    private NodeManagerDirs() {
    }

    /** The cluster's NodeManagers; MiniYARNCluster has no count accessor, so this indexes until the end. */
    public static List<NodeManager> nodeManagers(MiniYARNCluster cluster) {
        List<NodeManager> result = new ArrayList<>();
        for (int i = 0; ; i++) {
            NodeManager nm;
            try {
                nm = cluster.getNodeManager(i);
            } catch (IndexOutOfBoundsException | NullPointerException e) {
                return result;
            }
            if (nm != null) {
                result.add(nm);
            }
        }
    }

    /** Every NodeManager's {@code yarn.nodemanager.local-dirs}. */
    public static List<Path> localDirs(MiniYARNCluster cluster) {
        return dirs(cluster, YarnConfiguration.NM_LOCAL_DIRS);
    }

    /** Every NodeManager's {@code yarn.nodemanager.log-dirs}: {@code <dir>/<app id>/<container id>/stdout|...}. */
    public static List<Path> logDirs(MiniYARNCluster cluster) {
        return dirs(cluster, YarnConfiguration.NM_LOG_DIRS);
    }

    private static List<Path> dirs(MiniYARNCluster cluster, String key) {
        List<Path> dirs = new ArrayList<>();
        for (NodeManager nm : nodeManagers(cluster)) {
            if (nm.getConfig() == null) {
                continue;
            }
            for (String dir : nm.getConfig().getTrimmedStrings(key)) {
                dirs.add(Paths.get(dir.startsWith("file:") ? dir.substring("file:".length()) : dir));
            }
        }
        return dirs;
    }
}
