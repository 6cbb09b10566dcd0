package io.spindle.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;

/**
 * Writes a Hadoop {@link Configuration} as a {@code HADOOP_CONF_DIR}: {@code core-site.xml},
 * {@code hdfs-site.xml} and {@code yarn-site.xml}.
 *
 * <p>Only entries that do not come solely from Hadoop's bundled {@code *-default.xml} files are
 * written, so the files hold what the mini clusters and the test set (addresses, ports, scheduler
 * settings). {@code yarn.*} keys go to {@code yarn-site.xml}, {@code dfs.*} keys to
 * {@code hdfs-site.xml}, everything else to {@code core-site.xml}. Each file is written to a
 * temporary name and moved into place, so a reader never sees half a file.
 *
 * <p>Thread safety: stateless; the caller must not modify {@code conf} while it is written.
 */
public final class HadoopConfFiles {

    private static final Set<String> DEFAULT_SOURCES = Set.of(
            "core-default.xml", "hdfs-default.xml", "hdfs-rbf-default.xml", "yarn-default.xml",
            "mapred-default.xml");

    private HadoopConfFiles() {
    }

    /**
     * Writes the three site files into {@code dir} (created if missing), replacing existing ones.
     *
     * @return {@code dir}
     */
    public static Path write(Configuration conf, Path dir) {
        Configuration core = new Configuration(false);
        Configuration hdfs = new Configuration(false);
        Configuration yarn = new Configuration(false);
        for (Map.Entry<String, String> entry : conf) {
            String key = entry.getKey();
            if (onlyFromDefaults(conf, key)) {
                continue;
            }
            // The raw value: keep ${...} references as Hadoop would read them from a file.
            String value = conf.getRaw(key);
            if (value == null) {
                continue;
            }
            Configuration target = key.startsWith("yarn.") ? yarn : key.startsWith("dfs.") ? hdfs : core;
            target.set(key, value, "spindle-test");
        }
        try {
            Files.createDirectories(dir);
            writeAtomically(core, dir.resolve("core-site.xml"));
            writeAtomically(hdfs, dir.resolve("hdfs-site.xml"));
            writeAtomically(yarn, dir.resolve("yarn-site.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Hadoop configuration to " + dir, e);
        }
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
