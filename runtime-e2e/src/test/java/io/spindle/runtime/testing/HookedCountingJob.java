package io.spindle.runtime.testing;

import io.spindle.api.Job;
import io.spindle.api.Task;
import io.spindle.api.TaskContext;
import io.spindle.examples.counting.CountingJob;
import io.spindle.util.Polling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CountingJob} whose task 0 a test can stop at the edges of a checkpoint, through marker
 * files in a local folder given as {@code --hook-dir <dir>} (the other arguments are the counting
 * job's):
 *
 * <ul>
 *   <li>{@value #HOLD_NOTIFY}: the next {@code notifyCheckpointComplete} writes {@value #NOTIFY_HELD}
 *       (holding the checkpoint id) and waits for {@value #RELEASE} before it commits;</li>
 *   <li>{@value #HOLD_SNAPSHOT}: the next {@code snapshotState} writes {@value #SNAPSHOT_HELD} and
 *       waits for {@value #RELEASE} before it snapshots;</li>
 *   <li>{@value #FAIL}: the next step throws, once (it writes {@value #FAILED} first);</li>
 *   <li>{@code hurry-<job id>} ({@link #hurry}): every task of that job counts on without the
 *       {@code --step-delay-ms} sleep, so that a test whose fault is over need not wait for the slow
 *       records it needed while the fault was injected. This marker stays.</li>
 * </ul>
 *
 * <p>The step delay is this wrapper's: the counting task it wraps runs without one. The hold and
 * fail hooks fire once per marker: a held call deletes the hold marker. Waits are bounded (two
 * minutes), then the call goes on. Every notification is logged ("Hooked task i notified of
 * checkpoint n"), so a test can see which checkpoints reached the task. Test code only.
 */
public final class HookedCountingJob implements Job {

    public static final String HOLD_NOTIFY = "hold-notify";
    public static final String NOTIFY_HELD = "notify-held";
    public static final String HOLD_SNAPSHOT = "hold-snapshot";
    public static final String SNAPSHOT_HELD = "snapshot-held";
    public static final String RELEASE = "release";
    public static final String FAIL = "fail";
    public static final String FAILED = "failed";

    private static final String HOOK_DIR = "--hook-dir";
    private static final String STEP_DELAY = "--step-delay-ms";
    private static final String HURRY = "hurry-";
    private static final Logger LOG = LoggerFactory.getLogger(HookedCountingJob.class);

    /** Public no-argument constructor, as {@link Job} requires. */
    public HookedCountingJob() {}

    /** The program arguments: the hook folder, then the counting job's. */
    public static List<String> arguments(Path hookDir, List<String> countingArgs) {
        List<String> all = new ArrayList<>(List.of(HOOK_DIR, hookDir.toString()));
        all.addAll(countingArgs);
        return all;
    }

    /** Writes the marker that lets every task of {@code jobId} count on without its step delay. */
    public static void hurry(Path hookDir, String jobId) throws IOException {
        Files.writeString(hookDir.resolve(HURRY + jobId), "");
    }

    @Override
    public void validate(List<String> arguments) {
        new CountingJob().validate(countingArguments(arguments));
    }

    @Override
    public Task createTask(TaskContext context) throws Exception {
        List<String> args = context.arguments();
        Path hookDir = Path.of(args.get(args.indexOf(HOOK_DIR) + 1));
        List<String> countingArgs = countingArguments(args);
        long stepDelayMs = 0;
        int delayAt = countingArgs.indexOf(STEP_DELAY);
        if (delayAt >= 0 && delayAt + 1 < countingArgs.size()) {
            stepDelayMs = Long.parseLong(countingArgs.get(delayAt + 1));
            countingArgs.set(delayAt + 1, "0");
        }
        Task counting = new CountingJob().createTask(new TaskContext(context.jobId(), context.taskIndex(),
                context.parallelism(), context.deploymentId(), countingArgs, context.hadoopConfiguration()));
        return new HookedTask(counting, context.taskIndex(), hookDir, stepDelayMs,
                hookDir.resolve(HURRY + context.jobId()));
    }

    private static List<String> countingArguments(List<String> arguments) {
        List<String> rest = new ArrayList<>(arguments);
        int at = rest.indexOf(HOOK_DIR);
        if (at < 0 || at + 1 >= rest.size()) {
            throw new IllegalArgumentException(HOOK_DIR + " <dir> is required");
        }
        rest.subList(at, at + 2).clear();
        return rest;
    }

    /** Task 0 obeys the hold and fail hooks; every task sleeps its step delay until hurried and logs its notifications. */
    private static final class HookedTask implements Task {
        private final Task counting;
        private final int index;
        private final Path hookDir;
        private final long stepDelayMs;
        private final Path hurryMarker;
        private boolean hurried;

        HookedTask(Task counting, int index, Path hookDir, long stepDelayMs, Path hurryMarker) {
            this.counting = counting;
            this.index = index;
            this.hookDir = hookDir;
            this.stepDelayMs = stepDelayMs;
            this.hurryMarker = hurryMarker;
        }

        @Override
        public void open(byte[] restoredState) throws Exception {
            counting.open(restoredState);
        }

        @Override
        public boolean step() throws Exception {
            if (index == 0 && Files.deleteIfExists(hookDir.resolve(FAIL))) {
                Files.writeString(hookDir.resolve(FAILED), "failed");
                LOG.warn("Hooked task 0 fails on purpose");
                throw new IllegalStateException("hooked failure of task 0");
            }
            boolean more = counting.step();
            if (more && stepDelayMs > 0 && !hurried) {
                hurried = Files.exists(hurryMarker);
                if (hurried) {
                    LOG.info("Hooked task {} counts on without its {} ms step delay", index, stepDelayMs);
                } else {
                    Thread.sleep(stepDelayMs); // the job's pacing (CountingTask's --step-delay-ms), not a test's wait
                }
            }
            return more;
        }

        @Override
        public byte[] snapshotState(long checkpointId) throws Exception {
            hold(HOLD_SNAPSHOT, SNAPSHOT_HELD, checkpointId);
            return counting.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            LOG.info("Hooked task {} notified of checkpoint {}", index, checkpointId);
            hold(HOLD_NOTIFY, NOTIFY_HELD, checkpointId);
            counting.notifyCheckpointComplete(checkpointId);
        }

        private void hold(String marker, String held, long checkpointId) throws IOException, InterruptedException {
            if (index != 0 || !Files.deleteIfExists(hookDir.resolve(marker))) {
                return;
            }
            Files.writeString(hookDir.resolve(held), Long.toString(checkpointId), StandardCharsets.UTF_8);
            LOG.info("Hooked task 0 holds checkpoint {} ({}) until {} appears", checkpointId, marker, RELEASE);
            Path release = hookDir.resolve(RELEASE);
            if (Polling.poll(Duration.ofMillis(20), Duration.ofMinutes(2),
                    () -> Files.exists(release) ? Optional.of(release) : Optional.empty()).isEmpty()) {
                LOG.warn("Hooked task 0 waited 2 minutes for {} in vain and goes on", RELEASE);
            }
            Files.deleteIfExists(hookDir.resolve(RELEASE));
            LOG.info("Hooked task 0 goes on with checkpoint {}", checkpointId);
        }

        @Override
        public void close() throws Exception {
            counting.close();
        }
    }
}
