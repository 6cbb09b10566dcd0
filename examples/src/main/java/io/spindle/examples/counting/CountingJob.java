package io.spindle.examples.counting;

import java.util.List;

import io.spindle.api.Job;
import io.spindle.api.Task;
import io.spindle.api.TaskContext;

/**
 * An exactly-once counting job, the oracle of recovery tests: task {@code i} writes the lines
 * {@code "i,n"} for n in [0, count) to {@code part-*} files in the output directory, committed with
 * checkpoints, so that after any failures and restarts every line appears exactly once (check with
 * {@link CountingOutput#verify}). See {@link CountingArgs} for the arguments; failures can be
 * injected with {@code --fail-at} and {@code --fail-always}. With {@code --emitted-log} the tasks
 * also record how many records they emitted in total ({@link EmittedLog}), so that records produced
 * more than once (emitted minus output) can be measured.
 *
 * <p>A bounded job. Instances are stateless and may be used by any thread.
 */
public final class CountingJob implements Job {

    /** Public no-argument constructor, as {@link Job} requires. */
    public CountingJob() {}

    /**
     * @throws IllegalArgumentException with a one-line message naming the wrong argument
     */
    @Override
    public void validate(List<String> arguments) {
        CountingArgs.parse(arguments);
    }

    /**
     * @throws IllegalArgumentException if the arguments are wrong
     */
    @Override
    public Task createTask(TaskContext context) {
        return new CountingTask(CountingArgs.parse(context.arguments()), context);
    }
}
