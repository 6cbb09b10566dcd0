package io.spindle.testing;

import java.nio.file.Path;

import io.spindle.minicluster.HadoopSiteFiles;
import io.spindle.minicluster.MiniClusterConfig;
import io.spindle.minicluster.MiniHdfs;
import io.spindle.minicluster.MiniYarn;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The Hadoop part of a {@link SpindleClusterExtension}: {@link MiniHdfs} and/or {@link MiniYarn}
 * started from {@link MiniClusterConfig} plus the test's own entries, a shared {@link FileSystem}
 * and {@link YarnClient} on them, and the site files in {@code <workDir>/hadoop-conf}.
 *
 * <p>Thread safety: immutable after start; {@link #close()} runs once, from the JUnit thread.
 */
final class TestHadoop {

    private final MiniHdfs hdfs;
    private final MiniYarn yarn;
    private final Configuration conf;
    private final FileSystem fileSystem;
    private final YarnClient yarnClient;
    private final Path confDir;

    private TestHadoop(MiniHdfs hdfs, MiniYarn yarn, Configuration conf, FileSystem fileSystem,
                       YarnClient yarnClient, Path confDir) {
        this.hdfs = hdfs;
        this.yarn = yarn;
        this.conf = conf;
        this.fileSystem = fileSystem;
        this.yarnClient = yarnClient;
        this.confDir = confDir;
    }

    /**
     * Starts HDFS, then YARN on it, as {@code settings} ask; on failure stops what started.
     *
     * @return the running clusters, or null if neither was asked for
     */
    static TestHadoop start(ClusterSettings settings, Path workDir) throws Exception {
        if (!settings.hadoop()) {
            return null;
        }
        Configuration c = MiniClusterConfig.builder(workDir.resolve("hadoop-tmp"))
                .set(settings.hadoopConfig())
                .build();
        MiniHdfs hdfs = null;
        MiniYarn yarn = null;
        FileSystem fs = null;
        YarnClient client = null;
        try {
            if (settings.hdfs()) {
                hdfs = MiniHdfs.start(c, workDir.resolve("hdfs"), 0);
                c = hdfs.configuration();
                fs = FileSystem.newInstance(hdfs.uri(), new Configuration(c));
            }
            if (settings.nodeManagers() > 0) {
                yarn = MiniYarn.start(c, workDir, "yarn", settings.nodeManagers());
                c = yarn.configuration();
                client = YarnClient.createYarnClient();
                client.init(new YarnConfiguration(c));
                client.start();
            }
            Path confDir = HadoopSiteFiles.write(c, workDir.resolve("hadoop-conf"), "spindle-test");
            return new TestHadoop(hdfs, yarn, c, fs, client, confDir);
        } catch (Exception | Error e) {
            Exception stopFailure = new TestHadoop(hdfs, yarn, c, fs, client, null).close();
            if (stopFailure != null) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    /** The running clusters' configuration; the caller must copy it before changing it. */
    Configuration conf() {
        return conf;
    }

    MiniHdfs hdfs() {
        return hdfs;
    }

    MiniYarn yarn() {
        return yarn;
    }

    FileSystem fileSystem() {
        return fileSystem;
    }

    YarnClient yarnClient() {
        return yarnClient;
    }

    Path confDir() {
        return confDir;
    }

    /** Stops the clients, YARN, then HDFS; returns the first failure (others suppressed), or null. */
    Exception close() {
        Failures failures = new Failures();
        if (yarnClient != null) {
            failures.run(yarnClient::stop);
        }
        if (fileSystem != null) {
            failures.run(fileSystem::close);
        }
        if (yarn != null) {
            failures.run(yarn::close);
        }
        if (hdfs != null) {
            failures.run(hdfs::close);
        }
        return failures.first();
    }
}
