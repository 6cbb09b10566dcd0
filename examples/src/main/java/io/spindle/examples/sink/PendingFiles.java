package io.spindle.examples.sink;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-system operations on one task's hidden files: committing a pending file (idempotently)
 * and discarding the leftovers of earlier deployments.
 *
 * <p>Not thread-safe; used by one task.
 */
final class PendingFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PendingFiles.class);

    private final FileSystem fs;
    private final SinkLayout layout;

    PendingFiles(FileSystem fs, SinkLayout layout) {
        this.fs = fs;
        this.layout = layout;
    }

    /**
     * Makes the pending output of {@code checkpointId} visible by renaming it to its part file.
     * Harmless when it was already committed (pending file gone, part file present).
     *
     * @throws IOException if neither file exists (the output is lost), if both exist (two writers
     *     for one checkpoint), or if the rename fails
     */
    void commit(long checkpointId, String deploymentId) throws IOException {
        Path pending = layout.pendingFile(checkpointId, deploymentId);
        Path part = layout.partFile(checkpointId);
        boolean pendingExists = fs.exists(pending);
        boolean partExists = fs.exists(part);
        if (!pendingExists) {
            if (partExists) {
                LOG.debug("Checkpoint {} already committed as {}", checkpointId, part);
                return;
            }
            throw new IOException("cannot commit checkpoint " + checkpointId + ": neither " + pending
                    + " nor " + part + " exists (the output was deleted)");
        }
        if (partExists) {
            throw new IOException("cannot commit checkpoint " + checkpointId + ": " + part
                    + " already exists while " + pending + " is still pending (checkpoint id reused?)");
        }
        if (!fs.rename(pending, part)) {
            if (!fs.exists(pending) && fs.exists(part)) {
                return; // someone else (an earlier attempt of this call) got there first
            }
            throw new IOException("cannot rename " + pending + " to " + part);
        }
        LOG.info("Committed checkpoint {} of task output as {}", checkpointId, part);
    }

    /**
     * Deletes every in-progress and pending file of this task: the uncommitted output of
     * deployments that failed. Call after committing the pending files the restored state names.
     *
     * @return how many files were deleted
     */
    int discardLeftovers() throws IOException {
        return discardIn(layout.inProgressDir()) + discardIn(layout.pendingDir());
    }

    private int discardIn(Path dir) throws IOException {
        FileStatus[] files;
        try {
            files = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return 0;
        }
        int deleted = 0;
        for (FileStatus file : files) {
            String name = file.getPath().getName();
            if (layout.isOwnHiddenFile(name)) {
                if (fs.delete(file.getPath(), false)) {
                    deleted++;
                    LOG.info("Discarded uncommitted output {}", file.getPath());
                } else if (fs.exists(file.getPath())) {
                    throw new IOException("cannot delete uncommitted output " + file.getPath());
                }
            }
        }
        return deleted;
    }
}
