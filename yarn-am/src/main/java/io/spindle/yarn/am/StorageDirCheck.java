package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, while the JobManager starts ({@link #start}, {@link #await}), that the ApplicationMaster can use
 * {@code high-availability.storageDir}: its file system exists and answers, and the cluster's
 * folder there can be created (0700; an existing one is kept). Turns what Hadoop throws into one
 * line naming the key, the value and the host or user:
 *
 * <ul>
 *   <li>a malformed value or a scheme no file system serves: {@link StartupCheckException.Kind#CONFIGURATION};</li>
 *   <li>an unknown host, permission denied, or a folder that cannot be created:
 *       {@link StartupCheckException.Kind#ENVIRONMENT};</li>
 *   <li>any other I/O error (a NameNode that does not answer, say) is passed on as it is: it may be
 *       transient.</li>
 * </ul>
 *
 * <p>Stateless; thread-safe. Blocks on the file system.
 */
final class StorageDirCheck {

    private static final Logger LOG = LoggerFactory.getLogger(StorageDirCheck.class);
    private static final FsPermission PRIVATE_DIR = new FsPermission((short) 0700);

    private StorageDirCheck() {}

    /**
     * @param conf the cluster's configuration, with its cluster-id
     * @param hadoopConf the Hadoop configuration used to reach storageDir
     * @throws StartupCheckException if storageDir cannot be used, naming key, value and host or user
     * @throws IOException if the file system fails otherwise
     */
    static void check(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf)
            throws StartupCheckException, IOException {
        String value = conf.getRequired(HighAvailabilityOptions.STORAGE_DIR);
        String key = "'" + HighAvailabilityOptions.STORAGE_DIR.key() + "' (" + value + ")";
        Path clusterDir;
        FileSystem fs;
        try {
            Path root = new Path(value);
            fs = root.getFileSystem(hadoopConf);
            clusterDir = new Path(root, conf.get(HighAvailabilityOptions.CLUSTER_ID));
        } catch (IllegalArgumentException | IOException e) {
            throw classify(key, hostNamed(value, hadoopConf), e);
        }
        try {
            if (!fs.mkdirs(clusterDir, PRIVATE_DIR)) {
                throw new StartupCheckException(StartupCheckException.Kind.ENVIRONMENT, key
                        + " is unusable: cannot create " + clusterDir + " as user " + user(), null);
            }
            fs.getFileStatus(clusterDir);
        } catch (IllegalArgumentException | IOException e) {
            throw classify(key, hostNamed(value, hadoopConf), e);
        }
        LOG.info("storageDir {} is usable: {} exists", value, clusterDir);
    }

    /**
     * Starts {@link #check} on a thread of its own (it blocks on the file system, about a second
     * for the first HDFS client of the JVM), so that the JobManager starts meanwhile. The thread
     * inherits the caller's security context.
     *
     * @return the verdict, for {@link #await}
     */
    static CompletableFuture<Void> start(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf) {
        CompletableFuture<Void> verdict = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                check(conf, hadoopConf);
                verdict.complete(null);
            } catch (Throwable t) {
                verdict.completeExceptionally(t);
            }
        }, "storage-dir-check");
        thread.setDaemon(true);
        thread.start();
        return verdict;
    }

    /**
     * Waits for a check {@link #start} started.
     *
     * @throws StartupCheckException as {@link #check}
     * @throws IOException as {@link #check}
     */
    static void await(CompletableFuture<Void> verdict) throws StartupCheckException, IOException {
        try {
            verdict.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StartupCheckException check) {
                throw check;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The check's verdict on what Hadoop threw; an unclassified I/O error is rethrown as it is. */
    private static StartupCheckException classify(String key, String host, Exception e) throws IOException {
        UnknownHostException unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost != null) {
            return new StartupCheckException(StartupCheckException.Kind.ENVIRONMENT, key + " is unusable: unknown host "
                    + (host != null ? host : hostOf(unknownHost)), e);
        }
        AccessControlException denied = cause(e, AccessControlException.class);
        if (denied != null) {
            return new StartupCheckException(StartupCheckException.Kind.ENVIRONMENT, key
                    + " is unusable: permission denied for user " + user() + " (" + firstLine(denied.getMessage()) + ")", e);
        }
        if (cause(e, UnsupportedFileSystemException.class) != null) {
            return new StartupCheckException(StartupCheckException.Kind.CONFIGURATION, key
                    + " is unusable: no file system for its scheme (" + firstLine(e.getMessage()) + ")", e);
        }
        if (e instanceof IllegalArgumentException) {
            return new StartupCheckException(StartupCheckException.Kind.CONFIGURATION, key + " is not a valid path: "
                    + firstLine(e.getMessage()), e);
        }
        throw (IOException) e;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The host storageDir names, or that of the default file system when it names none; null if neither does. */
    private static String hostNamed(String value, org.apache.hadoop.conf.Configuration hadoopConf) {
        try {
            java.net.URI uri = new Path(value).toUri();
            String host = uri.getScheme() == null ? FileSystem.getDefaultUri(hadoopConf).getHost() : uri.getHost();
            return host == null || host.isBlank() ? null : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The host an {@link UnknownHostException} names: its message is the host, sometimes followed by more. */
    private static String hostOf(UnknownHostException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "(not named)";
        }
        return message.strip().split("[\\s:]", 2)[0];
    }

    /** HDFS's permission messages carry a stack-like tail; the first line says it all. */
    private static String firstLine(String message) {
        return message == null ? "" : message.strip().split("\\R", 2)[0];
    }

    private static String user() {
        try {
            return UserGroupInformation.getCurrentUser().getShortUserName();
        } catch (IOException e) {
            return System.getProperty("user.name");
        }
    }
}
