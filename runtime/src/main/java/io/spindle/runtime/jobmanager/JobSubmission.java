package io.spindle.runtime.jobmanager;

import java.nio.file.Path;
import java.util.List;

/**
 * A job to submit: the user jar (a local file the JobManager may read once), the entry class
 * implementing {@link io.spindle.api.Job}, its arguments and its parallelism.
 *
 * @param name a display name; the entry class's simple name when blank
 * @param jar the user jar on the JobManager's local disk (the REST layer stores the upload there)
 * @param entryClass fully qualified name of the job class inside the jar
 * @param arguments program arguments
 * @param parallelism number of parallel tasks, at least 1
 */
public record JobSubmission(String name, Path jar, String entryClass, List<String> arguments, int parallelism) {

    /** Copies the arguments. */
    public JobSubmission {
        arguments = List.copyOf(arguments);
    }
}
