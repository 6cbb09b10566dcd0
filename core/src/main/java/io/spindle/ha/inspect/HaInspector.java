package io.spindle.ha.inspect;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one cluster's HA data: every pointer in ZooKeeper against its file in storageDir
 * (exists, length, CRC32C), and every file under the pointer-backed folders of storageDir against
 * the pointers (orphans). Reads only; changes nothing.
 *
 * <p>A running cluster may be inspected: its JobManager writes a file before the pointer to it and
 * removes a pointer before its file. So the pointers are read first, an unreferenced file modified
 * less than {@link #WRITE_IN_PROGRESS} before the inspection is taken for a write in progress (listed
 * in the tree, not a finding), and a pointer whose file is missing counts only if the znode still
 * holds it after the file was found missing.
 *
 * <p>Not thread-safe; one inspection at a time per instance.
 */
public final class HaInspector {

    private static final Pattern POINTER_ZNODE = Pattern.compile(
            "^" + ZooKeeperLayout.JOBGRAPHS + "/[^/]+$|^" + ZooKeeperLayout.CHECKPOINTS + "/[^/]+/completed/[^/]+$");

    /** How recently an unreferenced file may have been modified and still be a write in progress. */
    public static final Duration WRITE_IN_PROGRESS = Duration.ofMinutes(1);

    private final CuratorFramework rootClient;
    private final org.apache.hadoop.conf.Configuration hadoopConf;

    /**
     * @param rootClient a started client in the root namespace ({@code high-availability.zookeeper.path.root})
     * @param hadoopConf the Hadoop configuration used to read the files pointers name
     */
    public HaInspector(CuratorFramework rootClient, org.apache.hadoop.conf.Configuration hadoopConf) {
        this.rootClient = rootClient;
        this.hadoopConf = hadoopConf;
    }

    /**
     * @return the cluster ids under the root, sorted
     * @throws Exception if ZooKeeper fails
     */
    public List<String> clusterIds() throws Exception {
        if (rootClient.checkExists().forPath("/") == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(rootClient.getChildren().forPath("/"));
        ids.sort(null);
        return ids;
    }

    /**
     * @param clusterId the cluster (as under the root, without leading slash)
     * @param storage   the cluster's storage
     * @return what was found
     * @throws Exception if ZooKeeper or the file system fails (as opposed to holding bad data)
     */
    public InspectionReport inspect(String clusterId, ClusterStorage storage) throws Exception {
        String base = ZKPaths.makePath("/", clusterId);
        List<String> tree = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Set<Path> referenced = new HashSet<>();
        int[] pointers = {0};
        if (rootClient.checkExists().forPath(base) == null) {
            tree.add("(no znode " + base + ")");
        } else {
            walk(base, "", 0, tree, findings, referenced, pointers);
        }
        long recentSince = System.currentTimeMillis() - WRITE_IN_PROGRESS.toMillis();
        List<String> recent = new ArrayList<>();
        findOrphans(storage, storage.jobGraphs(), referenced, recentSince, findings, recent);
        findOrphans(storage, storage.checkpoints(), referenced, recentSince, findings, recent);
        if (!recent.isEmpty()) {
            tree.add("(" + recent.size() + " file(s) written in the last " + WRITE_IN_PROGRESS.toSeconds()
                    + " s without a pointer yet, taken for writes in progress: " + String.join(", ", recent) + ")");
        }
        return new InspectionReport(clusterId, tree, pointers[0], findings);
    }

    private void walk(String base, String relative, int depth, List<String> tree, List<Finding> findings,
                      Set<Path> referenced, int[] pointers) throws Exception {
        String path = relative.isEmpty() ? base : base + relative;
        Stat stat = new Stat();
        byte[] data;
        List<String> children;
        try {
            data = rootClient.getData().storingStatIn(stat).forPath(path);
            children = new ArrayList<>(rootClient.getChildren().forPath(path));
        } catch (KeeperException.NoNodeException gone) {
            return;
        }
        children.sort(null);
        String name = relative.isEmpty() ? base : ZKPaths.getNodeFromPath(relative);
        String summary;
        if (POINTER_ZNODE.matcher(relative).matches()) {
            pointers[0]++;
            summary = checkPointer(relative, path, data, findings, referenced);
        } else {
            summary = printable(data);
        }
        String kind = stat.getEphemeralOwner() != 0 ? " (ephemeral)" : "";
        tree.add("  ".repeat(depth) + name + (children.isEmpty() ? "" : "/") + kind + (summary.isEmpty() ? "" : "  " + summary));
        for (String child : children) {
            walk(base, relative + "/" + child, depth + 1, tree, findings, referenced, pointers);
        }
    }

    private String checkPointer(String znode, String znodePath, byte[] data, List<Finding> findings, Set<Path> referenced)
            throws Exception {
        StatePointer pointer;
        try {
            pointer = StatePointer.decode(data, znode);
        } catch (StateFileException e) {
            findings.add(new Finding(Finding.Kind.INVALID_POINTER, znode, e.getMessage()));
            return "INVALID";
        }
        Path file = new Path(pointer.path());
        referenced.add(file);
        String target = "-> " + pointer.path() + " (" + pointer.length() + " bytes, crc32c " + pointer.checksumHex() + ")";
        try {
            new ChecksummedFileStore(file.getFileSystem(hadoopConf), file.getParent()).read(pointer);
            return target + " OK";
        } catch (StateFileException e) {
            boolean missing = e.kind() == StateFileException.Kind.MISSING;
            if (missing && changedSince(znodePath, data)) {
                return target + " (replaced or removed during the inspection)";
            }
            findings.add(new Finding(missing ? Finding.Kind.DANGLING_POINTER : Finding.Kind.CHECKSUM_MISMATCH, znode, e.getMessage()));
            return target + (missing ? " MISSING" : " CORRUPT");
        }
    }

    private boolean changedSince(String znodePath, byte[] data) throws Exception {
        try {
            return !Arrays.equals(rootClient.getData().forPath(znodePath), data);
        } catch (KeeperException.NoNodeException gone) {
            return true;
        }
    }

    private static void findOrphans(ClusterStorage storage, Path folder, Set<Path> referenced, long recentSince,
                                    List<Finding> findings, List<String> recent) throws IOException {
        RemoteIterator<LocatedFileStatus> files;
        try {
            files = storage.fs().listFiles(folder, true);
        } catch (FileNotFoundException e) {
            return;
        }
        while (files.hasNext()) {
            FileStatus file = files.next();
            Path path = storage.fs().makeQualified(file.getPath());
            if (referenced.contains(path) || path.getName().endsWith(".crc")) {
                continue;
            }
            if (file.getModificationTime() >= recentSince) {
                recent.add(path.getName());
                continue;
            }
            String why = path.getName().startsWith(".")
                    ? "temporary file of an interrupted write; no pointer references it"
                    : "no pointer references it (" + file.getLen() + " bytes)";
            findings.add(new Finding(Finding.Kind.ORPHANED_FILE, path.toString(), why));
        }
    }

    private static String printable(byte[] data) {
        if (data == null || data.length == 0) {
            return "";
        }
        String text = new String(data, StandardCharsets.UTF_8).replace('\n', ' ').strip();
        boolean binary = text.chars().anyMatch(c -> c < 0x20 || c == 0xFFFD);
        if (binary) {
            return "(" + data.length + " bytes)";
        }
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
