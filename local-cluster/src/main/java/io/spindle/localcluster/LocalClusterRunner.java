package io.spindle.localcluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.logging.log4j.jul.Log4jBridgeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code start} command inside the cluster's JVM: starts the {@link LocalCluster}, writes the
 * client files, then the {@code ready} marker, and keeps running until the JVM is told to stop
 * (SIGTERM), when a shutdown hook stops everything in reverse order.
 *
 * <p>The ready sequence: ZooKeeper, HDFS (plus {@code /spindle/ha} and the user's home folder),
 * YARN with all NodeManagers registered, then {@code hadoop-conf/}, {@code conf/},
 * {@code local-cluster.properties}, and last {@code ready} (atomically, holding the text to
 * print). A failed start writes {@code failed} with a one-line reason and exits with 1.
 */
final class LocalClusterRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterRunner.class);

    private LocalClusterRunner() {
    }

    /** Runs the cluster; returns only if it could not start (with the exit code). */
    static int run(LocalClusterArgs args, PrintStream out, PrintStream err) throws InterruptedException {
        ClusterDirectory dir = new ClusterDirectory(args.dir());
        try {
            claim(dir, args);
        } catch (LocalClusterException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        System.setProperty("java.io.tmpdir", dir.tmpDir().toString());
        Log4jBridgeHandler.install(true, null, true);
        LOG.info("Starting a local cluster in {} with {} NodeManagers (pid {})", dir.dir(), args.nodeManagers(),
                ProcessHandle.current().pid());

        LocalCluster cluster = new LocalCluster(dir, args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the local cluster in {}", dir.dir());
            deleteQuietly(dir.readyFile());
            cluster.close();
        }, "local-cluster-shutdown"));
        try {
            cluster.start();
            ControlRequests.serve(dir, cluster);
            String text = writeClientFiles(dir, args, cluster);
            out.print(text);
            out.flush();
            LOG.info("Ready:\n{}", text);
        } catch (LocalClusterException e) {
            return failed(dir, cluster, e.getMessage(), e, err);
        } catch (Exception | LinkageError e) {
            return failed(dir, cluster, "the local cluster did not start: " + e, e, err);
        }
        new CountDownLatch(1).await(); // until SIGTERM: the shutdown hook stops the cluster
        return 0;
    }

    private static void claim(ClusterDirectory dir, LocalClusterArgs args) throws LocalClusterException {
        LocalClusterControl.checkNotRunning(dir);
        dir.checkUsable();
        PortCheck.requireFree(args.zooKeeperPort(), "ZooKeeper");
        PortCheck.requireFree(args.nameNodePort(), "the HDFS NameNode");
        if (!dir.isMarked()) {
            dir.claimEmpty(); // started without `prepare`: the folder is missing or empty
        }
        try {
            Files.deleteIfExists(dir.readyFile());
            Files.deleteIfExists(dir.failedFile());
            Files.deleteIfExists(dir.propertiesFile());
            Files.createDirectories(dir.tmpDir());
            ClusterDirectory.writeAtomically(dir.pidFile(), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new LocalClusterException("cannot write to " + dir.dir() + ": " + e.getMessage(), e);
        }
    }

    private static String writeClientFiles(ClusterDirectory dir, LocalClusterArgs args, LocalCluster cluster)
            throws IOException {
        Map<String, String> properties = new HashMap<>(cluster.describe());
        properties.put(ClusterFiles.PID, Long.toString(ProcessHandle.current().pid()));
        properties.put(ClusterFiles.DIR, dir.dir().toString());
        properties.put(ClusterFiles.HADOOP_CONF_DIR, dir.hadoopConfDir().toString());
        properties.put(ClusterFiles.SPINDLE_CONF_DIR, dir.spindleConfDir().toString());
        properties.put(ClusterFiles.LOG_FILE, dir.logFile().toString());
        properties.put(ClusterFiles.CONTROL_DIR, dir.controlDir().toString());
        ClusterFiles.writeHadoopConf(cluster.conf(), dir.hadoopConfDir());
        ClusterFiles.writeSpindleConf(dir.spindleConfDir(), cluster.zooKeeperQuorum(), cluster.hdfsUri(),
                args.confTemplate());
        ClusterFiles.writeProperties(dir.propertiesFile(), properties);
        String text = ClusterSummary.format("started", properties);
        ClusterDirectory.writeAtomically(dir.readyFile(), text);
        return text;
    }

    private static int failed(ClusterDirectory dir, LocalCluster cluster, String message, Throwable cause,
                              PrintStream err) {
        LOG.error("The local cluster did not start: {}", message, cause);
        cluster.close();
        String line = message.replace('\n', ' ');
        try {
            ClusterDirectory.writeAtomically(dir.failedFile(), line + "\n");
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", dir.failedFile(), e.toString());
        }
        err.println("Error: " + line);
        return 1;
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}", file, e);
        }
    }
}
