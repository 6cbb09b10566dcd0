package io.spindle.yarn.client;

import io.spindle.yarn.common.AmLaunchContract;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging directory of one application, {@code {home}/.spindle/{applicationId}/} on the
 * cluster's default file system (see {@link AmLaunchContract}), readable only by the user: every
 * directory it creates is {@code 0700} and every file {@code 0600}, set explicitly (the umask does
 * not matter).
 *
 * <p>Nothing is created until the first upload. Remembers what it staged, in order.
 *
 * <p>Not thread-safe: one submission uses it from one thread.
 */
public final class StagingDirectory {

    /** Permission of staging directories: owner only. */
    public static final FsPermission DIR_PERMISSION = new FsPermission((short) 0700);

    /** Permission of staged files: owner read/write only. */
    public static final FsPermission FILE_PERMISSION = new FsPermission((short) 0600);

    private static final Logger LOG = LoggerFactory.getLogger(StagingDirectory.class);

    private final FileSystem fs;
    private final Path root;
    private final List<StagedFile> staged = new ArrayList<>();

    private StagingDirectory(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /**
     * The staging directory of {@code applicationId} under the home directory of the current user
     * on {@code fs}; not created yet.
     */
    public static StagingDirectory of(FileSystem fs, ApplicationId applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        return new StagingDirectory(fs, pathOf(fs, applicationId.toString()));
    }

    /** {@code {home}/.spindle/{applicationId}}, fully qualified, on {@code fs}. */
    public static Path pathOf(FileSystem fs, String applicationId) {
        return fs.makeQualified(new Path(stagingRoot(fs), applicationId));
    }

    /** {@code {home}/.spindle}, fully qualified, on {@code fs}. */
    public static Path stagingRoot(FileSystem fs) {
        return fs.makeQualified(new Path(fs.getHomeDirectory(), AmLaunchContract.STAGING_ROOT));
    }

    /** The file system it lives on. */
    FileSystem fileSystem() {
        return fs;
    }

    /** The directory, fully qualified. */
    public Path path() {
        return root;
    }

    /** What was staged so far, in order; unmodifiable. */
    public List<StagedFile> stagedFiles() {
        return Collections.unmodifiableList(staged);
    }

    /**
     * Copies a local file to {@code relativePath} (e.g. {@code lib/x.jar}).
     *
     * @throws IOException if the file cannot be read or written
     */
    public StagedFile upload(java.nio.file.Path localFile, String relativePath) throws IOException {
        Path target = target(relativePath);
        ensureDirectory(target.getParent());
        fs.copyFromLocalFile(false, true, new Path(localFile.toAbsolutePath().toUri()), target);
        return finish(relativePath, target);
    }

    /**
     * Writes {@code content} to {@code relativePath} (e.g. {@code conf/config.yaml}).
     *
     * @throws IOException if the file cannot be written
     */
    public StagedFile write(String relativePath, byte[] content) throws IOException {
        Path target = target(relativePath);
        ensureDirectory(target.getParent());
        try (OutputStream out = fs.create(target, FILE_PERMISSION, true, 64 * 1024,
                fs.getDefaultReplication(target), fs.getDefaultBlockSize(target), null)) {
            out.write(content);
        }
        return finish(relativePath, target);
    }

    /**
     * Deletes the directory and everything in it, if it exists. Never throws: a failure is logged
     * and reported by the return value.
     *
     * @return whether the directory is gone
     */
    public boolean delete() {
        return delete(fs, root);
    }

    /** Deletes {@code dir} recursively if it exists; never throws. */
    static boolean delete(FileSystem fs, Path dir) {
        try {
            if (fs.exists(dir) && !fs.delete(dir, true)) {
                LOG.warn("Could not delete the staging directory {}", dir);
                return false;
            }
            LOG.debug("Deleted the staging directory {}", dir);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete the staging directory {}: {}", dir, e.toString());
            return false;
        }
    }

    private Path target(String relativePath) {
        if (relativePath.isBlank() || relativePath.startsWith("/") || relativePath.contains("..")) {
            throw new IllegalArgumentException("not a relative path inside the staging directory: " + relativePath);
        }
        return new Path(root, relativePath);
    }

    /** Creates {@code dir} and its missing parents up to the staging root's parent, each 0700. */
    private void ensureDirectory(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        Path home = root.getParent().getParent();
        for (Path p = dir; p != null && !p.equals(home) && !fs.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            fs.mkdirs(p, DIR_PERMISSION);
            fs.setPermission(p, DIR_PERMISSION);
        }
    }

    private StagedFile finish(String relativePath, Path target) throws IOException {
        fs.setPermission(target, FILE_PERMISSION);
        FileStatus status = fs.getFileStatus(target);
        StagedFile file = new StagedFile(relativePath, status.getPath(), status.getLen(), status.getModificationTime());
        staged.add(file);
        LOG.debug("Staged {} ({} bytes)", file.path(), file.size());
        return file;
    }
}
