package io.spindle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The exit codes of every Spindle command line ({@code bin/spindle} and {@code bin/yarn-session.sh}),
 * and which failure gets which. Constants and a pure function; thread-safe.
 *
 * <ul>
 *   <li>{@value #OK}: success;
 *   <li>{@value #USAGE_OR_CONFIG}: the user's input is wrong (arguments, configuration, files) or
 *       was refused (an unknown job id);
 *   <li>{@value #JOB_NOT_FINISHED}: a watched job failed or was cancelled; also picocli's code for
 *       an unparsable command line of {@code bin/spindle};
 *   <li>{@value #SERVICE_FAILURE}: a service Spindle depends on failed or cannot be reached
 *       (ZooKeeper, HDFS, YARN, the JobManager).
 * </ul>
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;

    /** Errors in the user's input: configuration, arguments, files; refused requests. */
    public static final int USAGE_OR_CONFIG = 1;

    /** A watched job failed or was cancelled. */
    public static final int JOB_NOT_FINISHED = 2;

    /** Failures of a service Spindle depends on (ZooKeeper, HDFS, YARN, the JobManager). */
    public static final int SERVICE_FAILURE = 3;

    private ExitCodes() {}

    /**
     * The exit code for a command that failed with {@code e}: {@link #SERVICE_FAILURE} for I/O
     * failures (which include {@code ClusterDeploymentException} and the JobManager being
     * unreachable) and interruptions, {@link #USAGE_OR_CONFIG} for everything else.
     */
    public static int of(Throwable e) {
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof InterruptedException) {
            return SERVICE_FAILURE;
        }
        return USAGE_OR_CONFIG;
    }
}
