package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.IllegalConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A preflight probe: is {@code high-availability.storageDir} reachable, and may the current user
 * (with the credentials the client has) create the cluster's folder in it? It reads only: the
 * deepest existing folder on the way to the storageDir must be a directory the user may write
 * to. The Hadoop client's connection retries are bounded for this probe (on a copy of the
 * configuration, with a file system instance of its own), and the whole probe by {@code bound}.
 *
 * <p>Stateless and thread-safe.
 */
final class StorageDirAccess {

    private static final Logger LOG = LoggerFactory.getLogger(StorageDirAccess.class);
    private static final String KEY = HighAvailabilityOptions.STORAGE_DIR.key();

    private StorageDirAccess() {}

    /**
     * @param config the effective configuration (HA keys checked already)
     * @param hadoopConf the cluster's Hadoop configuration (not changed)
     * @param bound how long the probe may take
     * @throws IllegalConfigurationException naming the key and the value (or host) when the host is
     *     unknown, the scheme has no file system, a file is in the way, or the user may not write
     * @throws ClusterDeploymentException naming the key and the host when the file system cannot be
     *     reached within the bound
     */
    static void check(Configuration config, org.apache.hadoop.conf.Configuration hadoopConf, Duration bound)
            throws ClusterDeploymentException {
        String storageDir = config.getRequired(HighAvailabilityOptions.STORAGE_DIR).strip();
        Path path;
        try {
            path = new Path(storageDir);
        } catch (IllegalArgumentException e) {
            throw new IllegalConfigurationException("Invalid value '" + storageDir + "' for key '" + KEY + "': "
                    + e.getMessage(), e);
        }
        org.apache.hadoop.conf.Configuration probeConf = boundedRetries(hadoopConf, bound);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "storageDir-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> probe = executor.submit(() -> {
                probe(path, probeConf, storageDir);
                return null;
            });
            probe.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClusterDeploymentException("Cannot reach '" + KEY + "' " + storageDir + where(path, hadoopConf)
                    + ": no answer within " + ClusterPreflight.seconds(bound), e);
        } catch (ExecutionException e) {
            fail(e.getCause(), storageDir, path, hadoopConf);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterDeploymentException("Interrupted while checking '" + KEY + "' " + storageDir, e);
        } finally {
            executor.shutdownNow();
        }
        LOG.info("storageDir {} is reachable and writable", storageDir);
    }

    private static void probe(Path path, org.apache.hadoop.conf.Configuration conf, String storageDir)
            throws IOException {
        try (FileSystem fs = FileSystem.newInstance(path.toUri(), conf)) {
            Path qualified = fs.makeQualified(path);
            Path existing = qualified;
            FileStatus status = null;
            while (existing != null) {
                try {
                    status = fs.getFileStatus(existing);
                    break;
                } catch (java.io.FileNotFoundException e) {
                    existing = existing.getParent();
                }
            }
            if (status == null) {
                throw new java.io.FileNotFoundException("no folder of " + qualified + " exists");
            }
            if (!status.isDirectory()) {
                throw new IllegalConfigurationException("'" + KEY + "' " + storageDir + " cannot be created: "
                        + existing + " is a file");
            }
            fs.access(existing, FsAction.WRITE_EXECUTE);
        }
    }

    /**
     * Throws the one-line failure for what the probe threw. The message already names what matters
     * (key, value, host, root cause), so the Hadoop exception, whose message repeats it at length,
     * is logged at debug level instead of being chained.
     */
    private static void fail(Throwable cause, String storageDir, Path path,
            org.apache.hadoop.conf.Configuration hadoopConf) throws ClusterDeploymentException {
        if (cause instanceof IllegalConfigurationException e) {
            throw e;
        }
        LOG.debug("The storageDir probe of {} failed", storageDir, cause);
        if (find(cause, UnknownHostException.class) != null) {
            throw new IllegalConfigurationException("Unknown host " + hostOf(path, hadoopConf) + " in '" + KEY + "' "
                    + storageDir);
        }
        if (find(cause, AccessControlException.class) != null) {
            throw new IllegalConfigurationException("User " + user() + " may not create the cluster's folder in '"
                    + KEY + "' " + storageDir + ": " + ResourceManagerConnection.rootCause(cause));
        }
        if (cause instanceof UnsupportedFileSystemException) {
            throw new IllegalConfigurationException("No file system for '" + KEY + "' " + storageDir + ": "
                    + cause.getMessage());
        }
        throw new ClusterDeploymentException("Cannot reach '" + KEY + "' " + storageDir + where(path, hadoopConf)
                + ": " + ResourceManagerConnection.rootCause(cause));
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String where(Path path, org.apache.hadoop.conf.Configuration hadoopConf) {
        String host = hostOf(path, hadoopConf);
        return host.isEmpty() ? "" : " (host " + host + ")";
    }

    /** The authority of the path, or of the default file system when the path has none. */
    private static String hostOf(Path path, org.apache.hadoop.conf.Configuration hadoopConf) {
        URI uri = path.toUri();
        if (uri.getAuthority() != null) {
            return uri.getAuthority();
        }
        URI defaultFs = FileSystem.getDefaultUri(hadoopConf);
        return defaultFs.getAuthority() == null ? "" : defaultFs.getAuthority();
    }

    private static String user() {
        try {
            return UserGroupInformation.getCurrentUser().getShortUserName();
        } catch (IOException e) {
            return System.getProperty("user.name");
        }
    }

    /** A copy of {@code conf} whose IPC client gives up after one connection attempt within {@code bound}. */
    static org.apache.hadoop.conf.Configuration boundedRetries(org.apache.hadoop.conf.Configuration conf,
            Duration bound) {
        org.apache.hadoop.conf.Configuration copy = new org.apache.hadoop.conf.Configuration(conf);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bound.toMillis()));
        copy.setInt("ipc.client.connect.max.retries", 0);
        copy.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        copy.setInt("ipc.client.connect.timeout", millis);
        copy.setInt("ipc.client.rpc-timeout.ms", millis);
        copy.setInt("dfs.client.failover.max.attempts", 1);
        copy.setBoolean("dfs.client.retry.policy.enabled", false);
        return copy;
    }
}
