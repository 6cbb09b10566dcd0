package io.spindle.runtime.taskexecutor;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StatePointer;
import io.spindle.util.FileTrees;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User jars fetched from storageDir (checksum verified) into a local folder, with one class loader
 * per jar, shared by the tasks of that job on this TaskExecutor. A task {@link #acquire acquires} the
 * loader when it starts and {@link #release releases} it when it ended; when the last task of a jar
 * released it, the loader is closed and the local copy deleted, so a long-running TaskExecutor
 * keeps no open file, local jar or class loader of the jobs that left it. A later task of the same
 * jar fetches it again.
 *
 * <p>Thread-safe. Fetching a jar blocks only the tasks of that jar.
 */
final class UserCodeCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserCodeCache.class);

    private final Path localDir;
    private final org.apache.hadoop.conf.Configuration hadoopConf;
    /** Guarded by {@code this}. */
    private final Map<String, CachedJar> jars = new HashMap<>();

    UserCodeCache(Path localDir, org.apache.hadoop.conf.Configuration hadoopConf) {
        this.localDir = localDir;
        this.hadoopConf = hadoopConf;
    }

    /**
     * The class loader of a job's jar, fetching the jar first if no task holds it; every successful
     * call must be followed by one {@link #release} of the same jar.
     *
     * @throws IOException if the jar cannot be read or fails its checksum (nothing is then held)
     */
    ClassLoader acquire(String jobId, StatePointer jar) throws IOException {
        CachedJar cached;
        synchronized (this) {
            cached = jars.computeIfAbsent(jar.path(), path -> new CachedJar(jobId, jar));
            cached.holders++;
        }
        try {
            return cached.loader();
        } catch (IOException | RuntimeException e) {
            release(jar);
            throw e;
        }
    }

    /** A task of {@code jar} ended; the last one closes its loader and deletes the local copy. */
    void release(StatePointer jar) {
        CachedJar unused = null;
        synchronized (this) {
            CachedJar cached = jars.get(jar.path());
            if (cached != null && --cached.holders == 0) {
                jars.remove(jar.path());
                unused = cached;
            }
        }
        if (unused != null) {
            unused.close();
        }
    }

    @Override
    public void close() {
        Map<String, CachedJar> all;
        synchronized (this) {
            all = new HashMap<>(jars);
            jars.clear();
        }
        all.values().forEach(CachedJar::close);
    }

    /** One jar: fetched once, on the first call of {@link #loader}. */
    private final class CachedJar {

        private final String jobId;
        private final StatePointer jar;
        /** Guarded by {@link UserCodeCache}'s lock. */
        private int holders;
        private URLClassLoader loader;
        private Path local;
        private boolean closed;

        CachedJar(String jobId, StatePointer jar) {
            this.jobId = jobId;
            this.jar = jar;
        }

        synchronized ClassLoader loader() throws IOException {
            if (closed) {
                throw new IllegalStateException("the jar of job " + jobId + " was released");
            }
            if (loader == null) {
                org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(jar.path());
                FileSystem fs = remote.getFileSystem(hadoopConf);
                byte[] bytes = new ChecksummedFileStore(fs, remote.getParent()).read(jar);
                local = localDir.resolve(jobId).resolve(remote.getName());
                Files.createDirectories(local.getParent());
                Files.write(local, bytes);
                loader = new URLClassLoader(new URL[] {local.toUri().toURL()}, UserCodeCache.class.getClassLoader());
                LOG.info("Fetched the jar of job {} ({} bytes)", jobId, bytes.length);
            }
            return loader;
        }

        synchronized void close() {
            closed = true;
            if (loader == null) {
                return;
            }
            try {
                loader.close();
            } catch (IOException e) {
                LOG.debug("Closing the class loader of job {} failed", jobId, e);
            }
            try {
                FileTrees.deleteRecursively(local.getParent());
                LOG.info("Released the jar of job {}: no task of it runs here any more", jobId);
            } catch (IOException e) {
                LOG.warn("Could not delete the local jar of job {} ({}): {}", jobId, local, e.toString());
            }
        }
    }
}
