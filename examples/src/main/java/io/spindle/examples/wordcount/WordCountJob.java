package io.spindle.examples.wordcount;

import java.util.List;

import io.spindle.api.Job;
import io.spindle.api.Task;
import io.spindle.api.TaskContext;

/**
 * Counts the words in the text files of {@code --input} and writes {@code word<TAB>count} lines
 * to {@code part-*} files in {@code --output}, exactly once.
 *
 * <p>Task i takes the input files whose index in name order modulo the parallelism is i (see
 * {@code InputFiles}), keeps its counts and read position in its checkpointed state, and writes its
 * counts once it has read everything; they become visible with the job's final checkpoint. The
 * counts are per task: a word found by several tasks has a line in each task's part file, and its
 * total is the sum. Words are runs of letters and digits, lower-cased.
 *
 * <p>A bounded job. Instances are stateless and may be used by any thread.
 */
public final class WordCountJob implements Job {

    /** Public no-argument constructor, as {@link Job} requires. */
    public WordCountJob() {}

    /**
     * @throws IllegalArgumentException with a one-line message naming the wrong argument
     */
    @Override
    public void validate(List<String> arguments) {
        WordCountArgs.parse(arguments);
    }

    /**
     * @throws IllegalArgumentException if the arguments are wrong
     */
    @Override
    public Task createTask(TaskContext context) {
        return new WordCountTask(WordCountArgs.parse(context.arguments()), context);
    }
}
