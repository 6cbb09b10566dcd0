package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a znode and everything below it in one fenced transaction (children first), so that a
 * deposed leader deletes nothing and a reader never sees half a subtree. Meant for small subtrees
 * (what is left of one job once its pointers are removed: its counter and empty folders). A
 * subtree that changes while it is read is read again, a bounded number of times. Thread-safe.
 */
final class FencedSubtreeRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(FencedSubtreeRemoval.class);
    private static final int ATTEMPTS = 5;

    private final CuratorFramework client;

    FencedSubtreeRemoval(CuratorFramework client) {
        this.client = client;
    }

    /**
     * @param path  the subtree's root; absent is fine
     * @param fence the leader's fence
     * @return whether anything was deleted
     */
    boolean remove(String path, LeaderFence fence) throws IOException, LeadershipLostException, InterruptedException {
        ZooKeeperLeaderFence zk = ZooKeeperLeaderFence.of(fence);
        for (int attempt = 1; ; attempt++) {
            try {
                List<String> nodes = new ArrayList<>();
                collect(path, nodes);
                if (nodes.isEmpty()) {
                    return false;
                }
                List<CuratorOp> ops = new ArrayList<>(nodes.size());
                for (int i = nodes.size() - 1; i >= 0; i--) {
                    ops.add(client.transactionOp().delete().forPath(nodes.get(i)));
                }
                zk.commit(ops);
                LOG.info("Removed znode {} and the {} node(s) below it", path, nodes.size() - 1);
                return true;
            } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException e) {
                if (attempt >= ATTEMPTS) {
                    throw ZooKeeperFailures.io("Removal of znode " + path + " (changed " + ATTEMPTS + " times while read)", e);
                }
            } catch (LeadershipLostException | InterruptedException | IOException e) {
                throw e;
            } catch (Exception e) {
                throw ZooKeeperFailures.io("Removal of znode " + path, e);
            }
        }
    }

    /** Adds {@code path} and its descendants, parents before children; nothing if absent. */
    private void collect(String path, List<String> nodes) throws Exception {
        List<String> children;
        try {
            children = client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return;
        }
        nodes.add(path);
        for (String child : children) {
            collect(ZKPaths.makePath(path, child), nodes);
        }
    }
}
