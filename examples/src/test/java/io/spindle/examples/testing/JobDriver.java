package io.spindle.examples.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spindle.api.Job;
import io.spindle.api.Task;
import io.spindle.api.TaskContext;

/**
 * A tiny, single-threaded stand-in for the runtime, for tests: deploys the tasks of a job, steps
 * them, takes checkpoints (snapshot, then complete, then notify, each separately callable), and
 * simulates crashes: {@link #crash()} abandons the tasks without closing them (a {@code kill -9}),
 * {@link #fail()} closes them (a task failure). A new {@link #deploy()} opens new tasks, with a new
 * deployment id, from the latest <em>completed</em> checkpoint.
 *
 * <p>Checkpoint ids increase across deployments, as a real coordinator's do. Not thread-safe.
 */
public final class JobDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobDriver.class);

    private final Job job;
    private final int parallelism;
    private final List<String> arguments;
    private final Configuration conf;
    private final String jobId = "job-under-test";

    private final List<Task> abandoned = new ArrayList<>();
    private final Map<Long, byte[][]> snapshots = new HashMap<>();
    private Task[] tasks;
    private boolean[] finished;
    private int deployments;
    private long nextCheckpointId = 1;
    private long completedCheckpointId = -1;
    private byte[][] completedStates;

    public JobDriver(Job job, int parallelism, List<String> arguments, Configuration conf) {
        this.job = Objects.requireNonNull(job);
        this.parallelism = parallelism;
        this.arguments = List.copyOf(arguments);
        this.conf = conf;
    }

    /** The deployment id of the current (or the n-th) deployment. */
    public static String deploymentId(int n) {
        return "deploy-" + n;
    }

    /** The current deployment's id. */
    public String currentDeploymentId() {
        return deploymentId(deployments);
    }

    /** Creates and opens all tasks, from the latest completed checkpoint (or fresh if there is none). */
    public JobDriver deploy() throws Exception {
        if (tasks != null) {
            throw new IllegalStateException("tasks are still deployed; crash() or fail() first");
        }
        deployments++;
        Task[] created = new Task[parallelism];
        tasks = created;
        finished = new boolean[parallelism];
        LOG.info("Deployment {} from checkpoint {}", currentDeploymentId(), completedCheckpointId);
        for (int i = 0; i < parallelism; i++) {
            TaskContext context = new TaskContext(jobId, i, parallelism, currentDeploymentId(), arguments, conf);
            created[i] = job.createTask(context);
            created[i].open(completedStates == null ? null : completedStates[i]);
        }
        return this;
    }

    /** Steps every unfinished task once. @return whether some task has more work */
    public boolean step() throws Exception {
        requireDeployed();
        boolean more = false;
        for (int i = 0; i < parallelism; i++) {
            if (!finished[i]) {
                finished[i] = !tasks[i].step();
                more |= !finished[i];
            }
        }
        return more;
    }

    /** Steps {@code n} rounds (or fewer, when all tasks finish). */
    public JobDriver steps(int n) throws Exception {
        for (int s = 0; s < n && step(); s++) {
            // stepping
        }
        return this;
    }

    /** Whether every task's step returned false. */
    public boolean allFinished() {
        requireDeployed();
        for (boolean f : finished) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    /** Snapshots every task for a new checkpoint; it is not complete yet. @return its id */
    public long snapshot() throws Exception {
        requireDeployed();
        long id = nextCheckpointId++;
        byte[][] states = new byte[parallelism][];
        for (int i = 0; i < parallelism; i++) {
            states[i] = tasks[i].snapshotState(id);
        }
        snapshots.put(id, states);
        return id;
    }

    /** Marks checkpoint {@code id} as durably completed (what a restart resumes from), without notifying. */
    public void complete(long id) {
        byte[][] states = snapshots.get(id);
        if (states == null) {
            throw new IllegalArgumentException("no snapshot " + id);
        }
        completedCheckpointId = id;
        completedStates = states;
    }

    /** Notifies every task that checkpoint {@code id} completed. */
    public void notifyComplete(long id) throws Exception {
        requireDeployed();
        for (Task task : tasks) {
            task.notifyCheckpointComplete(id);
        }
    }

    /** Snapshot, complete and notify. @return the checkpoint id */
    public long checkpoint() throws Exception {
        long id = snapshot();
        complete(id);
        notifyComplete(id);
        return id;
    }

    /** The latest completed checkpoint, or -1. */
    public long completedCheckpointId() {
        return completedCheckpointId;
    }

    /** Abandons the tasks without closing them, like a killed process. */
    public void crash() {
        requireDeployed();
        LOG.info("Crash of deployment {}", currentDeploymentId());
        abandoned.addAll(List.of(tasks));
        tasks = null;
    }

    /** Closes the tasks, as the runtime does after a task failure, and drops them. */
    public void fail() throws Exception {
        requireDeployed();
        LOG.info("Failure of deployment {}", currentDeploymentId());
        Task[] failed = tasks;
        tasks = null;
        for (Task task : failed) {
            task.close();
        }
    }

    /**
     * Steps until every task finished, checkpointing every {@code stepsPerCheckpoint} rounds, then
     * takes the final checkpoint and closes the tasks: the job is finished.
     */
    public void runToEnd(int stepsPerCheckpoint) throws Exception {
        requireDeployed();
        while (!allFinished()) {
            steps(stepsPerCheckpoint);
            checkpoint();
        }
        checkpoint(); // taken after every task finished
        Task[] done = tasks;
        tasks = null;
        for (Task task : done) {
            task.close();
        }
    }

    /** Closes deployed and abandoned tasks, ignoring failures (test cleanup). */
    @Override
    public void close() {
        List<Task> all = new ArrayList<>(abandoned);
        if (tasks != null) {
            all.addAll(List.of(tasks));
            tasks = null;
        }
        for (Task task : all) {
            try {
                task.close();
            } catch (Exception e) {
                LOG.debug("Ignoring failure closing a task: {}", e.toString());
            }
        }
        abandoned.clear();
    }

    private void requireDeployed() {
        if (tasks == null) {
            throw new IllegalStateException("no tasks deployed");
        }
    }
}
