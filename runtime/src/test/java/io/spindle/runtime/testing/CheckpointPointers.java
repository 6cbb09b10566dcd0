package io.spindle.runtime.testing;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Reads a job's completed-checkpoint pointers straight from ZooKeeper, as a test's witness: which
 * checkpoints are stored, and whether every stored one names files that exist and are intact.
 */
public final class CheckpointPointers {

    private final CuratorFramework zk;
    private final FileSystem fs;
    private final String folder;

    /**
     * @param zk a started client in the root namespace '/'
     * @param fs the storageDir's file system
     */
    public CheckpointPointers(CuratorFramework zk, FileSystem fs, String clusterId, String jobId) {
        this.zk = zk;
        this.fs = fs;
        this.folder = "/spindle/" + clusterId + ZooKeeperLayout.completedCheckpoints(jobId);
    }

    /** The znode name of checkpoint {@code id} (what its pointer write carries). */
    public static String name(long id) {
        return String.format("%019d", id);
    }

    /** The ids of the stored checkpoints, ascending; empty if there are none. */
    public List<Long> ids() throws Exception {
        List<Long> ids = new ArrayList<>();
        try {
            for (String child : zk.getChildren().forPath(folder)) {
                ids.add(Long.parseLong(child));
            }
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
        ids.sort(null);
        return ids;
    }

    /**
     * The stored checkpoints whose metadata file or one of whose task state files is missing or
     * damaged, each described. A pointer removed or changed while it was checked does not count
     * (its leader removes pointer first, then files).
     */
    public List<String> dangling() throws Exception {
        List<String> dangling = new ArrayList<>();
        for (long id : ids()) {
            String node = folder + "/" + name(id);
            Stat stat = new Stat();
            byte[] data;
            try {
                data = zk.getData().storingStatIn(stat).forPath(node);
            } catch (KeeperException.NoNodeException e) {
                continue;
            }
            String problem = problem(StatePointer.decode(data, node), node);
            if (problem != null && stillThere(node, stat)) {
                dangling.add("checkpoint " + id + ": " + problem);
            }
        }
        return dangling;
    }

    private String problem(StatePointer metadata, String node) throws IOException {
        try {
            CompletedCheckpoint checkpoint = CompletedCheckpoint.fromBytes(read(metadata), node);
            for (StatePointer state : checkpoint.taskStates()) {
                read(state);
            }
            return null;
        } catch (StateFileException e) {
            return e.getMessage();
        }
    }

    private byte[] read(StatePointer pointer) throws IOException {
        return new ChecksummedFileStore(fs, new Path(pointer.path()).getParent()).read(pointer);
    }

    private boolean stillThere(String node, Stat read) throws Exception {
        Stat now = zk.checkExists().forPath(node);
        return now != null && now.getMzxid() == read.getMzxid();
    }
}
