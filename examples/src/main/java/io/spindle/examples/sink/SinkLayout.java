package io.spindle.examples.sink;

import java.util.Locale;
import java.util.Objects;

import org.apache.hadoop.fs.Path;

/**
 * Where the {@link TransactionalFileSink} of one task keeps its files below the output directory.
 *
 * <ul>
 *   <li>{@code _in-progress/task-<task>-<deployment>.inprogress}: records written since the last
 *       snapshot by one deployment of the task;
 *   <li>{@code _pending/task-<task>-cp-<checkpoint>-<deployment>.pending}: pre-committed output of
 *       one checkpoint, waiting for it to complete;
 *   <li>{@code part-<task>-<checkpoint>}: committed, visible output; both numbers are zero-padded
 *       (5 and 10 digits) so names sort by task and then by checkpoint.
 * </ul>
 *
 * <p>The deployment id is escaped into a file-name-safe token ({@code [A-Za-z0-9.-]} kept, every
 * other character written as {@code _} and four hex digits), so different ids give different names.
 * Only names starting with {@code part-} are output; the hidden directories start with {@code _}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SinkLayout {

    /** Directory, below the output directory, of files being written. */
    public static final String IN_PROGRESS_DIR = "_in-progress";
    /** Directory, below the output directory, of pre-committed files. */
    public static final String PENDING_DIR = "_pending";
    /** Prefix of visible output files. */
    public static final String PART_PREFIX = "part-";

    private final Path outputDir;
    private final int taskIndex;

    /**
     * @param outputDir the job's output directory
     * @param taskIndex the task whose files these are, at least 0
     */
    public SinkLayout(Path outputDir, int taskIndex) {
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
        if (taskIndex < 0) {
            throw new IllegalArgumentException("task index must not be negative: " + taskIndex);
        }
        this.taskIndex = taskIndex;
    }

    /** The output directory. */
    public Path outputDir() {
        return outputDir;
    }

    /** The task whose files these are. */
    public int taskIndex() {
        return taskIndex;
    }

    /** The directory of in-progress files. */
    public Path inProgressDir() {
        return new Path(outputDir, IN_PROGRESS_DIR);
    }

    /** The directory of pending files. */
    public Path pendingDir() {
        return new Path(outputDir, PENDING_DIR);
    }

    /** The in-progress file of this task in deployment {@code deploymentId}. */
    public Path inProgressFile(String deploymentId) {
        return new Path(inProgressDir(), taskPrefix() + token(deploymentId) + ".inprogress");
    }

    /** The pending file of this task for checkpoint {@code checkpointId}, written by {@code deploymentId}. */
    public Path pendingFile(long checkpointId, String deploymentId) {
        return new Path(pendingDir(),
                taskPrefix() + "cp-" + padCheckpoint(checkpointId) + "-" + token(deploymentId) + ".pending");
    }

    /** The visible file of this task for checkpoint {@code checkpointId}. */
    public Path partFile(long checkpointId) {
        return new Path(outputDir, String.format(Locale.ROOT, "%s%05d-%s", PART_PREFIX, taskIndex,
                padCheckpoint(checkpointId)));
    }

    /** Whether {@code fileName} (in the in-progress or pending directory) belongs to this task. */
    public boolean isOwnHiddenFile(String fileName) {
        return fileName.startsWith(taskPrefix());
    }

    /** Whether {@code fileName} is a visible output file: it starts with {@code part-}. */
    public static boolean isPartFile(String fileName) {
        return fileName.startsWith(PART_PREFIX);
    }

    private String taskPrefix() {
        return String.format(Locale.ROOT, "task-%05d-", taskIndex);
    }

    private static String padCheckpoint(long checkpointId) {
        if (checkpointId < 0) {
            throw new IllegalArgumentException("checkpoint id must not be negative: " + checkpointId);
        }
        return String.format(Locale.ROOT, "%010d", checkpointId);
    }

    /**
     * Escapes {@code deploymentId} into a file-name-safe token; injective.
     *
     * @throws IllegalArgumentException if the id is empty
     */
    public static String token(String deploymentId) {
        Objects.requireNonNull(deploymentId, "deploymentId");
        if (deploymentId.isEmpty()) {
            throw new IllegalArgumentException("deployment id must not be empty");
        }
        StringBuilder sb = new StringBuilder(deploymentId.length());
        for (int i = 0; i < deploymentId.length(); i++) {
            char c = deploymentId.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                sb.append(c);
            } else {
                sb.append('_').append(String.format(Locale.ROOT, "%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
