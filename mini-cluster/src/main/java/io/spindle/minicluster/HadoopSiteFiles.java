package io.spindle.minicluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;

/**
 * Writes a Hadoop {@link Configuration} as a {@code HADOOP_CONF_DIR} for clients of the mini
 * clusters: {@code core-site.xml}, {@code hdfs-site.xml} and {@code yarn-site.xml}.
 *
 * <p>Only entries that do not come solely from Hadoop's bundled {@code *-default.xml} files are
 * written (addresses, ports, scheduler settings), with their raw values ({@code ${...}} kept).
 * {@code yarn.*} keys go to {@code yarn-site.xml}, {@code dfs.*} keys to {@code hdfs-site.xml},
 * everything else to {@code core-site.xml}. Settings that name classes only the mini-cluster
 * jars hold ({@code net.topology.node.switch.mapping.impl}) are left out: a client without those
 * jars would fail on them. Each file is written to a temporary name and moved into place, so a
 * reader never sees half a file.
 *
 * <p>Thread safety: stateless; the caller must not change {@code conf} while it is written.
 */
public final class HadoopSiteFiles {

    private static final Set<String> DEFAULT_SOURCES = Set.of(
            "core-default.xml", "hdfs-default.xml", "hdfs-rbf-default.xml", "yarn-default.xml",
            "mapred-default.xml");

    private static final Set<String> SERVER_ONLY_KEYS = Set.of("net.topology.node.switch.mapping.impl");

    private HadoopSiteFiles() {
    }

    /**
     * Writes the three site files into {@code dir} (created if missing), replacing existing ones.
     *
     * @param source names the origin of the entries in the files (Hadoop's {@code <source>} element)
     * @return {@code dir}
     */
    public static Path write(Configuration conf, Path dir, String source) throws IOException {
        Configuration core = new Configuration(false);
        Configuration hdfs = new Configuration(false);
        Configuration yarn = new Configuration(false);
        for (Map.Entry<String, String> entry : conf) {
            String key = entry.getKey();
            String value = conf.getRaw(key);
            if (onlyFromDefaults(conf, key) || SERVER_ONLY_KEYS.contains(key) || value == null) {
                continue;
            }
            Configuration target = key.startsWith("yarn.") ? yarn : key.startsWith("dfs.") ? hdfs : core;
            target.set(key, value, source);
        }
        Files.createDirectories(dir);
        writeAtomically(core, dir.resolve("core-site.xml"));
        writeAtomically(hdfs, dir.resolve("hdfs-site.xml"));
        writeAtomically(yarn, dir.resolve("yarn-site.xml"));
        return dir;
    }

    private static boolean onlyFromDefaults(Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        if (sources == null || sources.length == 0) {
            return false;
        }
        for (String source : sources) {
            if (!DEFAULT_SOURCES.contains(source)) {
                return false;
            }
        }
        return true;
    }

    private static void writeAtomically(Configuration conf, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            conf.writeXml(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
