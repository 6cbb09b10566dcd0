package io.spindle.bench.ha;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.SecurityOptions;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ClusterHaData;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.util.FileTrees;
import io.spindle.util.Polling;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run of the bench creates and must remove again: a temporary folder (embedded
 * ZooKeeper data, participant logs, the default storageDir), the ZooKeeper (embedded or given),
 * a unique cluster-id {@code ha-bench-<time>-<random>} under the root znode, its folder in
 * storageDir, ZooKeeper clients and participant processes.
 *
 * <p>Each measurement works in its own scope, a sub-cluster {@code <cluster-id>/<scope>} with its
 * own latch and pointer folders, so that runs never see each other's nodes.
 *
 * <p>{@link #close()} kills participant processes, closes clients, deletes the cluster-id's
 * znodes and storageDir folder (and the root znode and a given storageDir if the bench's writes
 * created them and they are empty),
 * stops the embedded ZooKeeper and deletes the temporary folder. It is idempotent and may run
 * from a shutdown hook concurrently with the bench thread. Thread-safe.
 */
final class BenchEnvironment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchEnvironment.class);

    private final HaBenchSettings settings;
    private final Configuration clientConf;
    private final java.nio.file.Path tempDir;
    private final String clusterId;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<ParticipantProcess> processes = new ArrayList<>();
    private BenchZooKeeper zooKeeper;
    private ClusterStorage storage;
    private boolean temporaryStorage;
    private boolean rootExisted = true;
    /** A given storageDir and its parents that did not exist before the bench, deepest first: removed at the end if empty. */
    private List<Path> createdStorageFolders = List.of();
    /** Set once ZooKeeper answered: before that the bench cannot have created any znode. */
    private volatile boolean reachedZooKeeper;
    private boolean closed;

    private BenchEnvironment(HaBenchSettings settings, Configuration clientConf, java.nio.file.Path tempDir) {
        this.settings = settings;
        this.clientConf = clientConf;
        this.tempDir = tempDir;
        this.clusterId = "ha-bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates the temporary folder, starts or reaches ZooKeeper and prepares storageDir.
     *
     * @param clientConf the user's configuration: its ZooKeeper client settings (SASL, ACL) apply
     *                   to a given quorum; quorum, root, cluster-id and timeouts are the bench's
     * @throws IOException if any of it fails (what was created is removed again)
     */
    static BenchEnvironment open(HaBenchSettings settings, Configuration clientConf) throws IOException {
        BenchEnvironment env = new BenchEnvironment(settings, clientConf, Files.createTempDirectory("spindle-ha-bench-"));
        try {
            env.start();
            return env;
        } catch (IOException | RuntimeException | Error e) {
            env.close();
            throw e;
        }
    }

    private void start() throws IOException {
        BenchZooKeeper zk = settings.quorum().isPresent()
                ? BenchZooKeeper.external(settings.quorum().get())
                : BenchZooKeeper.startEmbedded(tempDir.resolve("zookeeper"), tickTimeMs(settings));
        synchronized (this) {
            zooKeeper = zk;
        }
        org.apache.hadoop.conf.Configuration hadoopConf = new org.apache.hadoop.conf.Configuration();
        Path storageRoot;
        if (settings.storageDir().isPresent()) {
            storageRoot = new Path(settings.storageDir().get());
        } else {
            storageRoot = new Path(tempDir.resolve("storage").toUri());
            temporaryStorage = true;
        }
        ClusterStorage clusterStorage = ClusterStorage.under(storageRoot, clusterId, hadoopConf);
        // The given storageDir and those of its parents that do not exist yet are the bench's to remove.
        List<Path> missing = new ArrayList<>();
        for (Path p = clusterStorage.fs().makeQualified(storageRoot); p != null && !clusterStorage.fs().exists(p); p = p.getParent()) {
            missing.add(p);
        }
        synchronized (this) {
            createdStorageFolders = List.copyOf(missing);
            storage = clusterStorage;
        }
        try (CuratorFramework plain = startPlainClient(Duration.ofSeconds(15))) {
            rootExisted = plain.checkExists().forPath(settings.zooKeeperRoot()) != null;
            reachedZooKeeper = true;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Could not look at ZooKeeper root " + settings.zooKeeperRoot() + " at "
                    + zk.connectString(), e);
        }
    }

    /** The embedded server's tick: as configured, but small enough to grant the session timeout (at least 2 ticks). */
    static int tickTimeMs(HaBenchSettings settings) {
        return (int) Math.max(1, Math.min(settings.tickTimeMs(), settings.sessionTimeout().toMillis() / 2));
    }

    /** @return the bench's own cluster-id */
    String clusterId() {
        return clusterId;
    }

    /** @return the ZooKeeper in use */
    synchronized BenchZooKeeper zooKeeper() {
        return zooKeeper;
    }

    /** @return the bench's storage: {@code storageDir/cluster-id} */
    synchronized ClusterStorage storage() {
        return storage;
    }

    /** @return true if storageDir is a temporary local folder of the bench */
    boolean temporaryStorage() {
        return temporaryStorage;
    }

    /** @return the temporary folder of this bench */
    java.nio.file.Path tempDir() {
        return tempDir;
    }

    /**
     * @param scope a sub-cluster name, or empty for the bench's cluster-id itself
     * @return the configuration of a Spindle process in that scope
     */
    Configuration conf(String scope) {
        String id = scope.isEmpty() ? clusterId : clusterId + "/" + scope;
        Configuration base = clientConf;
        if (zooKeeper().isEmbedded()) {
            // The embedded server knows no SASL and no users.
            base = base.withRaw(SecurityOptions.ZOOKEEPER_SASL_DISABLE.key(), "true")
                    .withRaw(HighAvailabilityOptions.ZOOKEEPER_ACL.key(), "open");
        }
        return base
                .withRaw(HighAvailabilityOptions.TYPE.key(), "zookeeper")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_QUORUM.key(), zooKeeper().connectString())
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_ROOT.key(), settings.zooKeeperRoot())
                .withRaw(HighAvailabilityOptions.CLUSTER_ID.key(), id)
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT.key(), settings.sessionTimeout().toMillis() + " ms")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT.key(), "15 s")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_RETRY_WAIT.key(), "100 ms")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_WAIT.key(), "1 s")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_ATTEMPTS.key(), "10");
    }

    /**
     * Starts a client (its own ZooKeeper session) in a scope; closed with the environment unless
     * the caller closes it first.
     *
     * @throws IOException if ZooKeeper cannot be reached
     */
    CuratorFramework startClient(String scope) throws IOException {
        CuratorFramework client = new ZooKeeperClientFactory(conf(scope)).startClusterClient();
        return register(client);
    }

    /**
     * @param scope a sub-cluster name
     * @return the Curator namespace of that scope, for a participant process
     */
    String namespace(String scope) {
        return new ZooKeeperClientFactory(conf(scope)).clusterNamespace();
    }

    /**
     * @param scope a sub-cluster name
     * @return the folder of that scope in storageDir
     */
    Path storageFolder(String scope) {
        return new Path(storage().clusterDir(), scope);
    }

    /**
     * Launches an {@link ElectionParticipantMain} process in a scope; killed with the environment.
     *
     * @throws IOException if the process cannot start
     */
    ParticipantProcess launchParticipant(String scope, String participantId) throws IOException {
        ParticipantProcess process;
        synchronized (this) {
            if (closed) {
                throw new IOException("The bench is shutting down");
            }
            boolean sasl = !conf(scope).get(SecurityOptions.ZOOKEEPER_SASL_DISABLE);
            process = ParticipantProcess.launch(zooKeeper.connectString(), namespace(scope), participantId,
                    settings.sessionTimeout(), sasl, tempDir.resolve("participant-" + participantId + ".log"));
            processes.add(process);
        }
        return process;
    }

    /**
     * @param closeable closed with the environment (in reverse order of registration)
     * @return the argument
     */
    synchronized <T extends AutoCloseable> T register(T closeable) {
        if (closed) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing after shutdown failed", e);
            }
            throw new IllegalStateException("The bench is shutting down");
        }
        open.add(closeable);
        return closeable;
    }

    /** Removes everything the bench created; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ParticipantProcess p : processes) {
            p.kill();
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                LOG.debug("Closing {} failed", open.get(i), e);
            }
        }
        open.clear();
        if (zooKeeper != null && reachedZooKeeper) {
            deleteClusterData();
        } else if (storage != null) {
            deleteStorageFolder();
        }
        if (storage != null) {
            deleteCreatedStorageRoot();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        deleteTree(tempDir);
    }

    private void deleteClusterData() {
        try (CuratorFramework plain = startPlainClient(Duration.ofSeconds(5))) {
            String rootNamespace = settings.zooKeeperRoot().substring(1);
            CuratorFramework root = plain.usingNamespace(rootNamespace);
            if (storage != null) {
                Exception[] last = {null};
                boolean deleted = Polling.poll(Duration.ofMillis(200), 5, () -> {
                    try {
                        new ClusterHaData(root, clusterId, storage).deleteAll();
                        return Optional.of(true);
                    } catch (Exception e) {
                        // A dead participant's ephemeral nodes may vanish meanwhile: try again.
                        last[0] = e;
                        return Optional.<Boolean>empty();
                    }
                }).isPresent();
                if (!deleted) {
                    throw last[0];
                }
            }
            String rootZnode = settings.zooKeeperRoot();
            if (!rootExisted && plain.checkExists().forPath(rootZnode) != null
                    && plain.getChildren().forPath(rootZnode).isEmpty()) {
                plain.delete().forPath(rootZnode);
            }
            LOG.info("Removed znode {}/{} and folder {}", settings.zooKeeperRoot(), clusterId,
                    storage == null ? "-" : storage.clusterDir());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while removing the bench's data (cluster-id {})", clusterId);
        } catch (Exception e) {
            LOG.warn("Could not remove the bench's data (znode {}/{}, folder {}): {}", settings.zooKeeperRoot(), clusterId,
                    storage == null ? "-" : storage.clusterDir(), e.toString());
        }
    }

    private void deleteStorageFolder() {
        try {
            storage.fs().delete(storage.clusterDir(), true);
        } catch (IOException e) {
            LOG.warn("Could not remove the bench's folder {}: {}", storage.clusterDir(), e.toString());
        }
    }

    /** Removes the storageDir folders the bench's own writes created, as long as nothing else is in them. */
    private void deleteCreatedStorageRoot() {
        if (temporaryStorage) {
            return;
        }
        for (Path folder : createdStorageFolders) {
            try {
                if (!storage.fs().exists(folder) || storage.fs().listStatus(folder).length > 0) {
                    return;
                }
                storage.fs().delete(folder, false);
            } catch (IOException e) {
                LOG.warn("Could not remove the folder {} that the bench created: {}", folder, e.toString());
                return;
            }
        }
    }

    /** A client without namespace (a namespaced client creates its namespace on first use). */
    private CuratorFramework startPlainClient(Duration connectionTimeout) throws IOException {
        CuratorFramework client = new ZooKeeperClientFactory(conf("")).builder().namespace(null).build();
        client.start();
        try {
            if (!client.blockUntilConnected((int) connectionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ZooKeeperUnavailableException("Could not connect to ZooKeeper at " + zooKeeper.connectString()
                        + " within " + connectionTimeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IOException("Interrupted while connecting to ZooKeeper", e);
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("Could not delete the bench's temporary folder {}: {}", dir, e.toString());
        }
    }
}
