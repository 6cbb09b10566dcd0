package io.spindle.yarn.client;

import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.StagedJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The job of a per-job cluster: the user jar and what the JobManager needs to run it. Staged as
 * {@link AmLaunchContract#USER_JAR} and {@link AmLaunchContract#JOB_PROPERTIES} (in the format of
 * {@link StagedJob}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param userJar the user jar on the local file system
 * @param entryClass the job's main class
 * @param arguments the job's arguments, in order
 * @param parallelism the job's parallelism, at least 1
 * @param name the job's display name
 */
public record JobDescription(Path userJar, String entryClass, List<String> arguments, int parallelism, String name) {

    /**
     * Copies the arguments and checks the values.
     *
     * @throws IllegalArgumentException if {@code parallelism} is less than 1 or {@code entryClass} is blank
     */
    public JobDescription {
        Objects.requireNonNull(userJar, "userJar");
        arguments = new StagedJob(entryClass, arguments, parallelism, name).arguments();
    }

    /** What is staged as {@code job.properties}. */
    public StagedJob stagedJob() {
        return new StagedJob(entryClass, arguments, parallelism, name);
    }
}
