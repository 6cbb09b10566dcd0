package io.spindle.localcluster;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import io.spindle.minicluster.HadoopSiteFiles;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes what clients of a running local cluster read: the Hadoop site files, the Spindle
 * configuration, and {@code local-cluster.properties}. Every file goes through a temporary name,
 * so a reader never sees half of one.
 *
 * <p>Thread safety: stateless.
 */
final class ClusterFiles {

    /** Keys of {@code local-cluster.properties} besides those of {@link LocalCluster#describe()}. */
    static final String PID = "pid";
    static final String DIR = "dir";
    static final String HADOOP_CONF_DIR = "hadoop.conf.dir";
    static final String SPINDLE_CONF_DIR = "spindle.conf.dir";
    static final String LOG_FILE = "log.file";
    /** With {@code --zookeeper-ensemble}: the members' client ports, comma-separated, in id order. */
    static final String ZOOKEEPER_CLIENT_PORTS = "zookeeper.client-ports";
    /** With {@code --zookeeper-ensemble}: the members' pid files, {@code <id>} standing for 1 to n. */
    static final String ZOOKEEPER_PID_FILES = "zookeeper.pid-files";
    /** The folder of {@link ControlRequests}. */
    static final String CONTROL_DIR = "control.dir";

    private ClusterFiles() {
    }

    /** Writes the Hadoop site files for clients of the cluster; see {@link HadoopSiteFiles}. */
    static void writeHadoopConf(Configuration conf, Path dir) throws IOException {
        HadoopSiteFiles.write(conf, dir, "spindle local-cluster");
    }

    /**
     * Writes {@code config.yaml} (HA through the local ZooKeeper and HDFS, small processes, fast
     * checkpoints and heartbeats) and copies the {@code log4j2*.xml} files of {@code template}.
     */
    static void writeSpindleConf(Path dir, String zooKeeperQuorum, String hdfsUri, Optional<Path> template)
            throws IOException {
        Files.createDirectories(dir);
        String yaml = String.join("\n",
                "# Written by `spindle local-cluster start` for the local cluster; deleted by its stop.",
                "high-availability.type: zookeeper",
                "high-availability.zookeeper.quorum: " + zooKeeperQuorum,
                "high-availability.storageDir: " + hdfsUri + "/spindle/ha",
                "# The local ZooKeeper is open: no SASL (saves a failed authentication per connection).",
                "zookeeper.sasl.disable: true",
                "",
                "jobmanager.memory.process.size: 768m",
                "taskmanager.memory.process.size: 512m",
                "taskmanager.numberOfTaskSlots: 2",
                "",
                "execution.checkpointing.interval: 1 s",
                "heartbeat.interval: 1 s",
                "heartbeat.timeout: 5 s",
                "");
        ClusterDirectory.writeAtomically(dir.resolve("config.yaml"), yaml);
        if (template.isPresent() && Files.isDirectory(template.get())) {
            try (DirectoryStream<Path> logConfigs = Files.newDirectoryStream(template.get(), "log4j2*.xml")) {
                for (Path file : logConfigs) {
                    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Writes {@code local-cluster.properties} with the entries sorted by key. */
    static void writeProperties(Path file, Map<String, String> values) throws IOException {
        StringWriter text = new StringWriter();
        text.write("# The running Spindle local cluster; see `spindle local-cluster status`.\n");
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            Properties one = new Properties();
            one.setProperty(entry.getKey(), entry.getValue());
            StringWriter line = new StringWriter();
            one.store(line, null);
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.write(l + "\n"));
        }
        ClusterDirectory.writeAtomically(file, text.toString());
    }

    /** Reads {@code local-cluster.properties}; empty if it does not exist. */
    static Map<String, String> readProperties(Path file) throws IOException {
        Map<String, String> result = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return result;
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        properties.stringPropertyNames().forEach(k -> result.put(k, properties.getProperty(k)));
        return result;
    }
}
