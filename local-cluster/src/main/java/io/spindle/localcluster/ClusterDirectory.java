package io.spindle.localcluster;

import io.spindle.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The layout of a local cluster's directory and the rules for claiming and deleting it.
 *
 * <pre>
 * DIR/.spindle-local-cluster   marker: this directory belongs to a local cluster (only such are deleted)
 * DIR/local-cluster.pid        pid of the cluster's JVM (written by the script, then by the JVM)
 * DIR/local-cluster.properties pid, ports, addresses, folders (written when ready)
 * DIR/local-cluster.log        the JVM's log; DIR/local-cluster.out its stdout/stderr
 * DIR/ready                    appears last, atomically, holding the text that start prints
 * DIR/failed                   appears if start failed, holding the one-line reason
 * DIR/hadoop-conf/             core-site.xml, hdfs-site.xml, yarn-site.xml (HADOOP_CONF_DIR)
 * DIR/conf/                    config.yaml and log4j2*.xml (SPINDLE_CONF_DIR)
 * DIR/zookeeper/, DIR/hdfs/, DIR/yarn/ (NodeManager local and container log dirs), DIR/tmp/
 * </pre>
 *
 * Thread safety: immutable; the file operations are not atomic with respect to other processes
 * except where noted.
 */
public final class ClusterDirectory {

    private static final String MARKER = ".spindle-local-cluster";

    private final Path dir;

    /** @param dir the directory (need not exist) */
    public ClusterDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The directory itself. */
    public Path dir() {
        return dir;
    }

    /** The pid file. */
    public Path pidFile() {
        return dir.resolve("local-cluster.pid");
    }

    /** The properties written when the cluster is ready. */
    public Path propertiesFile() {
        return dir.resolve("local-cluster.properties");
    }

    /** The JVM's Log4j log. */
    public Path logFile() {
        return dir.resolve("local-cluster.log");
    }

    /** The ready marker. */
    public Path readyFile() {
        return dir.resolve("ready");
    }

    /** The start-failure marker. */
    public Path failedFile() {
        return dir.resolve("failed");
    }

    /** The Hadoop client configuration folder. */
    public Path hadoopConfDir() {
        return dir.resolve("hadoop-conf");
    }

    /** The Spindle configuration folder. */
    public Path spindleConfDir() {
        return dir.resolve("conf");
    }

    /** ZooKeeper's data. */
    public Path zooKeeperDir() {
        return dir.resolve("zookeeper");
    }

    /** MiniDFSCluster's base directory. */
    public Path hdfsDir() {
        return dir.resolve("hdfs");
    }

    /** MiniYARNCluster's base directory (NodeManager local dirs and container logs). */
    public Path yarnDir() {
        return dir.resolve("yarn");
    }

    /** Requests to the running cluster's JVM ({@link ControlRequests}). */
    public Path controlDir() {
        return dir.resolve("control");
    }

    /** Hadoop's and the JVM's temporary files. */
    public Path tmpDir() {
        return dir.resolve("tmp");
    }

    /** Whether the directory exists. */
    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** Whether the directory carries the local-cluster marker. */
    public boolean isMarked() {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    /**
     * Makes the directory an empty local-cluster directory: creates it if missing, empties it if
     * it is a (stale) local-cluster directory, and refuses anything else.
     *
     * @throws LocalClusterException if the directory exists, is not empty and is not a local
     *                               cluster's, or is a file
     */
    public void claimEmpty() throws LocalClusterException {
        checkUsable();
        try {
            if (exists()) {
                deleteContents(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "Directory of a Spindle local cluster; deleted by its stop.\n");
        } catch (IOException e) {
            throw new LocalClusterException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses directories that are not (and could not become) a local cluster's, without changing
     * anything: a file, or a non-empty folder without the marker.
     */
    public void checkUsable() throws LocalClusterException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LocalClusterException(dir + " exists and is not a directory");
        }
        if (exists() && !isMarked() && !isEmpty()) {
            throw new LocalClusterException(dir + " is not empty and not a local cluster's directory;"
                    + " choose another with --dir");
        }
    }

    /** Deletes the directory and everything in it, if it carries the marker; returns whether it did. */
    public boolean deleteIfMarked() {
        if (!exists() || !isMarked()) {
            return false;
        }
        try {
            deleteContents(dir);
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Writes {@code text} to {@code file} through a temporary name, so readers see all or nothing. */
    public static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.replace(file, tmp -> Files.writeString(tmp, text));
    }

    /** Empty but for the files the JVM and the script may create before the marker exists. */
    private boolean isEmpty() {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .allMatch(name -> name.equals("local-cluster.log") || name.equals("local-cluster.out")
                            || name.equals("local-cluster.pid"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes what is inside {@code root} (not following symbolic links), keeping {@code root}. */
    private static void deleteContents(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                // Containers may leave folders without write permission for the owner.
                d.toFile().setWritable(true, true);
                d.toFile().setExecutable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                if (!d.equals(root)) {
                    delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // A process still writing into it; one more pass catches late arrivals.
            deleteContents(path);
            Files.deleteIfExists(path);
        }
    }
}
