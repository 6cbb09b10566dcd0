package io.spindle.localcluster;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers around the NodeManagers of a {@link MiniYARNCluster}. Stateless. */
final class NodeManagers {

    private static final Logger LOG = LoggerFactory.getLogger(NodeManagers.class);

    private NodeManagers() {
    }

    /** The folders every NodeManager has configured under {@code key} (local dirs, log dirs). */
    static List<String> dirs(MiniYARNCluster yarn, String key) {
        List<String> dirs = new ArrayList<>();
        for (int i = 0; ; i++) {
            NodeManager nm;
            try {
                nm = yarn.getNodeManager(i);
            } catch (IndexOutOfBoundsException | NullPointerException e) {
                return dirs;
            }
            if (nm == null) {
                return dirs;
            }
            if (nm.getConfig() != null) {
                for (String dir : nm.getConfig().getTrimmedStrings(key)) {
                    dirs.add(dir.startsWith("file:") ? dir.substring("file:".length()) : dir);
                }
            }
        }
    }

    /**
     * MiniYARNCluster's stop waits up to 5 s for every AM that registered to unregister; AMs that
     * are killed or still running never do. Forget them: stopping the NodeManagers ends them.
     */
    static void forgetUnregisteredAppMasters(MiniYARNCluster yarn) {
        try {
            Field field = MiniYARNCluster.class.getDeclaredField("appMasters");
            field.setAccessible(true);
            if (field.get(yarn) instanceof Map<?, ?> map && !map.isEmpty()) {
                LOG.info("Stopping while ApplicationMasters run: {}", map.keySet());
                map.clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot clear MiniYARNCluster's list of AMs; its stop may wait 5 s", e);
        }
    }
}
