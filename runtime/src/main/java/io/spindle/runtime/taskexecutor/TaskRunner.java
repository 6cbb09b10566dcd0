package io.spindle.runtime.taskexecutor;

import io.spindle.api.Job;
import io.spindle.api.Task;
import io.spindle.api.TaskContext;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.StateHandles;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.rpc.TaskStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task in its own thread: opens it with its restored state, steps it, and between steps
 * takes snapshots (written to storageDir, then acknowledged), delivers checkpoint-complete
 * notifications, and honours cancellation. The task's methods are only ever called from this
 * thread. The other methods are thread-safe: they put commands into the task's mailbox or read
 * volatile fields.
 *
 * <p>The task belongs to one leader session at a time: the one that deployed it, until a later
 * leader adopts it ({@link #bind}). Its reports go to that session. While no leader owns it
 * ({@link #orphan}) it keeps stepping.
 */
final class TaskRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private sealed interface Command permits Snapshot, Notify, Cancel {}

    private record Snapshot(long checkpointId) implements Command {}

    private record Notify(long checkpointId, CompletableFuture<Void> done) implements Command {}

    private record Cancel() implements Command {}

    private final TaskKey key;
    private volatile String sessionId;
    private final SubmitTaskRequest request;
    private final UserCodeCache userCode;
    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final TaskReporter reporter;
    private final LinkedBlockingQueue<Command> mailbox = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;
    /** The newest checkpoint this task snapshotted or was restored from; touched only by the task thread. */
    private long newestCheckpointId;
    /** DEPLOYING, RUNNING or FINISHED while the task lives, FAILED or CANCELED once it ended; set before it is reported. */
    private volatile TaskState state = TaskState.DEPLOYING;
    private volatile long latestSnapshotId;
    private volatile long latestCommittedId;
    /** Since when no leader owns this task ({@link System#nanoTime}), or {@code NOT_ORPHANED}. */
    private volatile long orphanedSinceNanos = NOT_ORPHANED;
    private static final long NOT_ORPHANED = Long.MIN_VALUE;

    TaskRunner(TaskKey key, String sessionId, SubmitTaskRequest request, UserCodeCache userCode,
            org.apache.hadoop.conf.Configuration hadoopConf, TaskReporter reporter) {
        this.key = key;
        this.sessionId = sessionId;
        this.request = request;
        this.userCode = userCode;
        this.hadoopConf = hadoopConf;
        this.reporter = reporter;
    }

    TaskKey key() {
        return key;
    }

    String sessionId() {
        return sessionId;
    }

    /** From now on the task belongs to {@code session}: its reports go there, and it is no orphan. */
    void bind(String session) {
        sessionId = session;
        orphanedSinceNanos = NOT_ORPHANED;
    }

    /** Its leader went away: it keeps running, owned by nobody, from {@code nowNanos} on (unless already orphaned). */
    void orphan(long nowNanos) {
        if (orphanedSinceNanos == NOT_ORPHANED) {
            orphanedSinceNanos = nowNanos;
        }
    }

    /** Whether it has been an orphan for longer than {@code timeoutNanos} at {@code nowNanos}. */
    boolean orphanedLongerThan(long timeoutNanos, long nowNanos) {
        long since = orphanedSinceNanos;
        return since != NOT_ORPHANED && nowNanos - since > timeoutNanos;
    }

    boolean isOrphan() {
        return orphanedSinceNanos != NOT_ORPHANED;
    }

    /** Its state and checkpoint progress, as reported to a leader. */
    TaskStatus status() {
        return TaskStatus.newBuilder()
                .setTask(key.toProto())
                .setState(state)
                .setRestoredCheckpointId(request.getRestoredCheckpointId())
                .setLatestSnapshotCheckpointId(latestSnapshotId)
                .setLatestCommittedCheckpointId(latestCommittedId)
                .build();
    }

    void triggerCheckpoint(long checkpointId) {
        mailbox.add(new Snapshot(checkpointId));
    }

    /** @return completes once the task has processed the notification (or ended) */
    CompletableFuture<Void> notifyCheckpointComplete(long checkpointId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        mailbox.add(new Notify(checkpointId, done));
        return done;
    }

    void cancel() {
        cancelled = true;
        mailbox.add(new Cancel());
    }

    @Override
    public void run() {
        Task task = null;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        boolean finished = false;
        StatePointer jar = null;
        try {
            StatePointer needed = StateHandles.toPointer(request.getJar());
            ClassLoader loader = userCode.acquire(key.jobId(), needed);
            jar = needed;
            Thread.currentThread().setContextClassLoader(loader);
            Job job = (Job) Class.forName(request.getEntryClass(), true, loader).getDeclaredConstructor().newInstance();
            task = job.createTask(new TaskContext(key.jobId(), key.taskIndex(), request.getParallelism(),
                    key.deploymentId(), request.getArgumentsList(), hadoopConf));
            byte[] restored = null;
            if (request.hasRestoredState()) {
                StatePointer state = StateHandles.toPointer(request.getRestoredState());
                Path path = new Path(state.path());
                restored = new ChecksummedFileStore(path.getFileSystem(hadoopConf), path.getParent()).read(state);
            }
            task.open(restored);
            newestCheckpointId = request.getRestoredCheckpointId();
            LOG.info("Task {} running{}", key, restored == null ? "" : " from checkpoint " + request.getRestoredCheckpointId());
            state = TaskState.RUNNING;
            reporter.stateChanged(sessionId, key, TaskState.RUNNING, "");
            while (!cancelled) {
                Command command = finished ? mailbox.poll(200, TimeUnit.MILLISECONDS) : mailbox.poll();
                if (command != null) {
                    handle(task, command);
                } else if (!finished && !task.step()) {
                    finished = true;
                    LOG.info("Task {} finished its work; waiting for the final checkpoint", key);
                    state = TaskState.FINISHED;
                    reporter.stateChanged(sessionId, key, TaskState.FINISHED, "");
                }
            }
            LOG.info("Task {} cancelled", key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (!cancelled) {
                LOG.warn("Task {} failed: {}", key, t.toString());
                state = TaskState.FAILED;
                reporter.stateChanged(sessionId, key, TaskState.FAILED, stackTrace(t));
            }
        } finally {
            if (state != TaskState.FAILED) {
                state = TaskState.CANCELED;
            }
            if (task != null) {
                try {
                    task.close();
                } catch (Exception e) {
                    LOG.warn("Task {} failed to close: {}", key, e.toString());
                }
            }
            Command left;
            while ((left = mailbox.poll()) != null) {
                if (left instanceof Notify notify) {
                    notify.done().completeExceptionally(new IllegalStateException("task " + key + " ended"));
                }
            }
            Thread.currentThread().setContextClassLoader(previous);
            if (jar != null) {
                userCode.release(jar);
            }
            reporter.taskEnded(key);
        }
    }

    private void handle(Task task, Command command) throws Exception {
        if (command instanceof Snapshot snapshot) {
            if (snapshot.checkpointId() <= newestCheckpointId) {
                // Triggers travel as separate RPCs and can overtake each other: an older one that
                // arrives after a newer one has been superseded (the coordinator gave up on it), so
                // the task never sees checkpoint ids go backwards.
                LOG.info("Task {}: checkpoint {} declined, superseded by checkpoint {}", key, snapshot.checkpointId(),
                        newestCheckpointId);
                reporter.checkpointDeclined(sessionId, key, snapshot.checkpointId(),
                        "superseded by checkpoint " + newestCheckpointId);
                return;
            }
            newestCheckpointId = snapshot.checkpointId();
            latestSnapshotId = snapshot.checkpointId();
            long started = System.nanoTime();
            byte[] state = task.snapshotState(snapshot.checkpointId());
            Path dir = new Path(request.getStateDir());
            FileSystem fs = dir.getFileSystem(hadoopConf);
            StatePointer pointer = new ChecksummedFileStore(fs, dir)
                    .write(String.format("cp-%019d-task-%d", snapshot.checkpointId(), key.taskIndex()), state);
            reporter.checkpointAcknowledged(sessionId, key, snapshot.checkpointId(), pointer,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } else if (command instanceof Notify notify) {
            try {
                task.notifyCheckpointComplete(notify.checkpointId());
                latestCommittedId = Math.max(latestCommittedId, notify.checkpointId());
                notify.done().complete(null);
            } catch (Exception e) {
                notify.done().completeExceptionally(e);
                throw e;
            }
        } else if (command instanceof Cancel) {
            cancelled = true;
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
