package io.spindle.runtime.taskexecutor;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StatePointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User jars fetched from storageDir (checksum verified) into a local folder, with one class loader
 * per jar, shared by the tasks of that job on this TaskExecutor. Thread-safe.
 */
final class UserCodeCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserCodeCache.class);

    private final Path localDir;
    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final Map<String, URLClassLoader> loaders = new ConcurrentHashMap<>();

    UserCodeCache(Path localDir, org.apache.hadoop.conf.Configuration hadoopConf) {
        this.localDir = localDir;
        this.hadoopConf = hadoopConf;
    }

    /**
     * The class loader of a job's jar, fetching the jar first if needed.
     *
     * @throws IOException if the jar cannot be read or fails its checksum
     */
    ClassLoader classLoader(String jobId, StatePointer jar) throws IOException {
        try {
            return loaders.computeIfAbsent(jar.path(), path -> {
                try {
                    return load(jobId, jar);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private URLClassLoader load(String jobId, StatePointer jar) throws IOException {
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(jar.path());
        FileSystem fs = remote.getFileSystem(hadoopConf);
        byte[] bytes = new ChecksummedFileStore(fs, remote.getParent()).read(jar);
        Path local = localDir.resolve(jobId).resolve(remote.getName());
        Files.createDirectories(local.getParent());
        Files.write(local, bytes);
        LOG.info("Fetched the jar of job {} ({} bytes)", jobId, bytes.length);
        return new URLClassLoader(new URL[] {local.toUri().toURL()}, UserCodeCache.class.getClassLoader());
    }

    @Override
    public void close() {
        loaders.values().forEach(loader -> {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.debug("Closing a class loader failed", e);
            }
        });
        loaders.clear();
    }
}
