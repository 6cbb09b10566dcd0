package io.spindle.examples.sink;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exactly-once line sink on a Hadoop {@link FileSystem}, for one task of a job, committed with
 * the job's checkpoints (two-phase commit through renames).
 *
 * <p><b>Protocol.</b> {@link #write} appends a line to an in-progress file named after the task and
 * the deployment (so deployments never share a file). {@link #snapshot} closes that file, renames it
 * to the pending file of the checkpoint and returns the sink state, which lists every checkpoint
 * still pending. {@link #commitUpTo} renames every pending file of a checkpoint up to the given one
 * to its visible name {@code part-<task>-<checkpoint>}; committing again is harmless. {@link #open}
 * with a restored state first commits the pending files it names (the restored checkpoint is
 * complete, so they belong to it or to earlier ones) and then deletes every other in-progress and
 * pending file of this task index: output of deployments that failed. See {@link SinkLayout} for the
 * names.
 *
 * <p><b>Guarantee.</b> If the task snapshots the sink with its own state and a restarted task opens
 * the sink with the sink state of the latest completed checkpoint, every line written before that
 * checkpoint's snapshot becomes visible exactly once, and no line written after it does. A snapshot
 * with no line written since the previous one creates no file. Readers should only look at files
 * named {@code part-*}; each appears atomically (by rename) with its final content.
 *
 * <p><b>Limits.</b> Checkpoint ids must increase within one deployment. Two live deployments of the
 * same task (a zombie) are not fenced: the later one deletes the earlier one's files.
 *
 * <p>Not thread-safe: one task thread drives it. It does not close the {@link FileSystem}.
 */
public final class TransactionalFileSink implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalFileSink.class);

    private final FileSystem fs;
    private final SinkLayout layout;
    private final String deploymentId;
    private final PendingFiles pendingFiles;
    private final SortedMap<Long, String> pending = new TreeMap<>();
    private Writer writer;
    private long linesInProgress;
    private long lastCheckpointId = Long.MIN_VALUE;
    private boolean closed;

    private TransactionalFileSink(FileSystem fs, SinkLayout layout, String deploymentId) {
        this.fs = fs;
        this.layout = layout;
        this.deploymentId = deploymentId;
        this.pendingFiles = new PendingFiles(fs, layout);
    }

    /**
     * Opens the sink of one task: creates the hidden directories, commits what {@code restoredState}
     * names and discards this task's other uncommitted files.
     *
     * @param fs the file system of {@code outputDir}; the caller closes it
     * @param outputDir the job's output directory (created if missing)
     * @param taskIndex the task's index; files of other indexes are never touched
     * @param deploymentId the current deployment (see {@code TaskContext.deploymentId})
     * @param restoredState what {@link #snapshot} returned for the checkpoint the task resumes from,
     *     or {@code null} on a fresh start
     * @throws IOException if the file system fails or a named pending file can be neither found nor
     *     recognised as committed
     * @throws IllegalStateException if {@code restoredState} is not a sink state of a known version
     */
    public static TransactionalFileSink open(FileSystem fs, Path outputDir, int taskIndex, String deploymentId,
            byte[] restoredState) throws IOException {
        Objects.requireNonNull(fs, "fs");
        SinkState restored = restoredState == null ? SinkState.empty() : SinkState.decode(restoredState);
        SinkLayout layout = new SinkLayout(fs.makeQualified(outputDir), taskIndex);
        SinkLayout.token(deploymentId); // validates it
        TransactionalFileSink sink = new TransactionalFileSink(fs, layout, deploymentId);
        sink.recover(restored);
        return sink;
    }

    private void recover(SinkState restored) throws IOException {
        mkdirs(layout.outputDir());
        mkdirs(layout.inProgressDir());
        mkdirs(layout.pendingDir());
        for (Map.Entry<Long, String> e : restored.pending().entrySet()) {
            pendingFiles.commit(e.getKey(), e.getValue());
            lastCheckpointId = Math.max(lastCheckpointId, e.getKey());
        }
        int discarded = pendingFiles.discardLeftovers();
        LOG.info("Opened file sink of task {} in {} (deployment {}): ensured {} restored pending checkpoint(s) {} are committed,"
                + " discarded {} uncommitted file(s)", layout.taskIndex(),
                layout.outputDir(), deploymentId, restored.pending().size(), restored.pending().keySet(), discarded);
    }

    private void mkdirs(Path dir) throws IOException {
        if (!fs.mkdirs(dir)) {
            throw new IOException("cannot create directory " + dir);
        }
    }

    /**
     * Appends {@code line} and a line feed to the current checkpoint's output.
     *
     * @throws IllegalArgumentException if {@code line} contains a line feed or carriage return
     * @throws IllegalStateException if the sink is closed
     * @throws IOException if writing fails
     */
    public void write(String line) throws IOException {
        ensureOpen();
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a record must be one line: " + line);
        }
        if (writer == null) {
            Path file = layout.inProgressFile(deploymentId);
            writer = new BufferedWriter(new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8));
        }
        writer.write(line);
        writer.write('\n');
        linesInProgress++;
    }

    /**
     * Pre-commits the lines written since the previous snapshot as the output of checkpoint
     * {@code checkpointId}, and returns the sink state to store with it.
     *
     * @throws IllegalStateException if {@code checkpointId} is not above every earlier one of this
     *     deployment (or of the restored state), or the sink is closed
     * @throws IOException if closing or renaming the in-progress file fails
     */
    public byte[] snapshot(long checkpointId) throws IOException {
        ensureOpen();
        if (checkpointId < 0 || checkpointId <= lastCheckpointId) {
            throw new IllegalStateException("checkpoint id " + checkpointId + " does not increase (last was "
                    + lastCheckpointId + ")");
        }
        lastCheckpointId = checkpointId;
        if (writer != null) {
            writer.close();
            writer = null;
            Path from = layout.inProgressFile(deploymentId);
            Path to = layout.pendingFile(checkpointId, deploymentId);
            if (!fs.rename(from, to)) {
                throw new IOException("cannot rename " + from + " to " + to);
            }
            pending.put(checkpointId, deploymentId);
            LOG.debug("Pre-committed {} line(s) for checkpoint {} as {}", linesInProgress, checkpointId, to);
            linesInProgress = 0;
        }
        return new SinkState(pending).encode();
    }

    /**
     * Makes the output of every pending checkpoint up to and including {@code checkpointId}
     * visible. Harmless to call again or for a checkpoint with nothing pending.
     *
     * @throws IOException if a commit fails; what was committed before stays committed
     */
    public void commitUpTo(long checkpointId) throws IOException {
        ensureOpen();
        Iterator<Map.Entry<Long, String>> it = pending.headMap(checkpointId + 1).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, String> e = it.next();
            pendingFiles.commit(e.getKey(), e.getValue());
            it.remove();
        }
    }

    /** The checkpoints whose output is pre-committed but not yet committed by this instance. */
    public SortedSet<Long> pendingCheckpoints() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(pending.keySet()));
    }

    /** How many lines were written since the last snapshot. */
    public long linesInProgress() {
        return linesInProgress;
    }

    /**
     * Closes the in-progress file without committing it; the next {@link #open} of this task index
     * discards it. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            Writer w = writer;
            writer = null;
            w.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the file sink is closed");
        }
    }
}
