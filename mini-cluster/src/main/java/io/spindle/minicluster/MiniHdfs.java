package io.spindle.minicluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HDFS in this JVM: a {@link MiniDFSCluster} with one NameNode and one DataNode, its data under a
 * folder, started from a configuration such as {@link MiniClusterConfig} builds.
 *
 * <p>Hadoop's mini clusters share JVM-wide state (the metrics system, static registries): starts
 * of {@code MiniHdfs} and {@link MiniYarn} are serialized on {@code MiniClusterConfig.class}, and
 * two clusters should not run at once in one JVM.
 *
 * <p>Thread safety: the accessors may be called from any thread; {@link #close()} is idempotent
 * and synchronized.
 */
public final class MiniHdfs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MiniHdfs.class);

    private final MiniDFSCluster cluster;
    private final Configuration conf;
    private boolean closed;

    private MiniHdfs(MiniDFSCluster cluster, Configuration conf) {
        this.cluster = cluster;
        this.conf = conf;
    }

    /**
     * Starts HDFS and waits until its DataNode is up.
     *
     * @param conf         the settings (copied; not changed)
     * @param dataDir      folder for the NameNode's and DataNode's data
     * @param nameNodePort the NameNode's RPC port; 0 picks a free one
     * @throws java.net.BindException if the NameNode port is taken
     * @throws IOException            on any other start failure (what started is stopped)
     */
    public static MiniHdfs start(Configuration conf, Path dataDir, int nameNodePort) throws IOException {
        long t0 = System.nanoTime();
        Configuration c = new Configuration(conf);
        MiniDFSCluster cluster;
        synchronized (MiniClusterConfig.class) {
            DefaultMetricsSystem.setMiniClusterMode(true);
            cluster = new MiniDFSCluster.Builder(c, dataDir.toFile())
                    .numDataNodes(1)
                    .nameNodePort(nameNodePort)
                    .build();
        }
        try {
            cluster.waitActive();
        } catch (IOException | RuntimeException e) {
            cluster.shutdown(true);
            throw e;
        }
        c.set(FileSystem.FS_DEFAULT_NAME_KEY, cluster.getURI().toString());
        LOG.info("HDFS started at {} in {} ms", cluster.getURI(), (System.nanoTime() - t0) / 1_000_000);
        return new MiniHdfs(cluster, c);
    }

    /** {@code hdfs://host:port}. */
    public URI uri() {
        return cluster.getURI();
    }

    /** The NameNode's web UI, {@code host:port}. */
    public String nameNodeHttpAddress() {
        var address = cluster.getNameNode().getHttpAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    /** A new copy of the configuration it started with, {@code fs.defaultFS} set to {@link #uri()}. */
    public Configuration configuration() {
        return new Configuration(conf);
    }

    /** The MiniDFSCluster itself, for tests that need more (do not shut it down). */
    public MiniDFSCluster cluster() {
        return cluster;
    }

    /** Stops HDFS and deletes its data; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cluster.shutdown(true);
        LOG.info("HDFS stopped");
    }
}
