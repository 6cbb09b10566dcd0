package io.spindle.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Finds what ended YARN applications left behind: the names under the staging root
 * ({@code {home}/.spindle/}), under the ZooKeeper root and under storageDir that are application
 * ids, asked about at the ResourceManager. On YARN the ApplicationMaster uses the application id
 * as cluster-id ({@code ApplicationId.toString()}), so a cluster-id that parses as an application
 * id is that application's.
 *
 * <p>Reads only. Never reports an application the ResourceManager does not call FINISHED, FAILED
 * or KILLED: running and pending applications are skipped, and so are ids the ResourceManager
 * does not know (an id just handed out for a submission in progress, or an application it forgot),
 * and cluster-ids that are not application ids (set by the user; {@code spindle ha clean} removes
 * those). Not thread-safe; one scan per instance at a time.
 */
final class LeftoverScan {

    /**
     * The outcome of a scan.
     *
     * @param ended   ended applications with something left, by application id
     * @param skipped one line per name that was left alone, and why
     */
    record Result(List<ApplicationLeftovers> ended, List<String> skipped) {

        /** Copies the lists. */
        Result {
            ended = List.copyOf(ended);
            skipped = List.copyOf(skipped);
        }
    }

    private final YarnClient yarn;
    private final CuratorFramework rootClient;
    private final String rootNamespace;
    private final FileSystem stagingFs;
    private final Path stagingRoot;
    private final FileSystem storageFs;
    private final Path storageDir;

    /**
     * @param yarn          a started client of the ResourceManager
     * @param rootClient    a started ZooKeeper client in the root namespace
     * @param rootNamespace the root namespace, for the printed znode paths
     * @param stagingFs     the file system of the staging dirs (the cluster's default file system)
     * @param stagingRoot   the current user's staging root, fully qualified
     * @param storageFs     the file system of storageDir
     * @param storageDir    {@code high-availability.storageDir}, fully qualified
     */
    LeftoverScan(YarnClient yarn, CuratorFramework rootClient, String rootNamespace, FileSystem stagingFs,
            Path stagingRoot, FileSystem storageFs, Path storageDir) {
        this.yarn = yarn;
        this.rootClient = rootClient;
        this.rootNamespace = rootNamespace;
        this.stagingFs = stagingFs;
        this.stagingRoot = stagingRoot;
        this.storageFs = storageFs;
        this.storageDir = storageDir;
    }

    /**
     * @throws IOException if a file system or the ResourceManager fails
     * @throws Exception   if ZooKeeper fails
     */
    Result scan() throws Exception {
        TreeSet<String> names = new TreeSet<>();
        names.addAll(folderNames(stagingFs, stagingRoot));
        names.addAll(folderNames(storageFs, storageDir));
        if (rootClient.checkExists().forPath("/") != null) {
            names.addAll(rootClient.getChildren().forPath("/"));
        }
        List<ApplicationLeftovers> ended = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            Optional<ApplicationId> appId = parse(name);
            if (appId.isEmpty()) {
                skipped.add(name + ": not an application id (a cluster-id set by hand; see 'spindle ha clean')");
                continue;
            }
            ApplicationReport report;
            try {
                report = yarn.getApplicationReport(appId.get());
            } catch (ApplicationNotFoundException e) {
                skipped.add(name + ": unknown to the ResourceManager");
                continue;
            } catch (YarnException e) {
                throw new IOException("The ResourceManager did not report " + name + ": " + e.getMessage(), e);
            }
            if (!ApplicationLeftovers.ENDED.contains(report.getYarnApplicationState())) {
                skipped.add(name + ": " + report.getYarnApplicationState() + ", not ended");
                continue;
            }
            ApplicationLeftovers leftovers = new ApplicationLeftovers(appId.get(), report.getYarnApplicationState(),
                    report.getFinalApplicationStatus(), folder(Leftover.Kind.STAGING_DIR, stagingFs, stagingRoot, name),
                    znode(name), folder(Leftover.Kind.STORAGE_DIR, storageFs, storageDir, name));
            if (!leftovers.isEmpty()) {
                ended.add(leftovers);
            }
        }
        return new Result(ended, skipped);
    }

    /** The application id {@code name} is, if it is one. */
    static Optional<ApplicationId> parse(String name) {
        if (!name.startsWith(ApplicationId.appIdStrPrefix)) {
            return Optional.empty();
        }
        try {
            ApplicationId id = ApplicationId.fromString(name);
            return id.toString().equals(name) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> folderNames(FileSystem fs, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus status : fs.listStatus(dir)) {
                if (status.isDirectory()) {
                    names.add(status.getPath().getName());
                }
            }
        } catch (FileNotFoundException e) {
            // Nothing staged or stored yet.
        }
        return names;
    }

    private static Optional<Leftover> folder(Leftover.Kind kind, FileSystem fs, Path parent, String name)
            throws IOException {
        Path dir = fs.makeQualified(new Path(parent, name));
        try {
            ContentSummary summary = fs.getContentSummary(dir);
            return Optional.of(new Leftover(kind, dir.toString(), summary.getFileCount(), summary.getLength()));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<Leftover> znode(String name) throws Exception {
        String path = ZKPaths.makePath("/", name);
        long[] countAndBytes = new long[2];
        if (!measure(path, countAndBytes)) {
            return Optional.empty();
        }
        return Optional.of(new Leftover(Leftover.Kind.ZNODE, "/" + rootNamespace + path, countAndBytes[0],
                countAndBytes[1]));
    }

    /** Adds the znodes and data bytes of the subtree at {@code path}; false if it does not exist. */
    private boolean measure(String path, long[] countAndBytes) throws Exception {
        Stat stat = rootClient.checkExists().forPath(path);
        if (stat == null) {
            return false;
        }
        countAndBytes[0]++;
        countAndBytes[1] += stat.getDataLength();
        if (stat.getNumChildren() > 0) {
            try {
                for (String child : rootClient.getChildren().forPath(path)) {
                    measure(ZKPaths.makePath(path, child), countAndBytes);
                }
            } catch (KeeperException.NoNodeException e) {
                // Removed meanwhile: counted as far as it existed.
            }
        }
        return true;
    }
}
