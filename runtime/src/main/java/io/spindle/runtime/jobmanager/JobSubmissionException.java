package io.spindle.runtime.jobmanager;

import java.util.Objects;

/**
 * A request the JobManager refuses because of its input: a missing jar, an unknown class, a class
 * that is not a job, too few slots, an unknown job id. Carries a {@link Reason} (what kind of
 * refusal, for the REST layer to map to a status code) and a one-line message for the user.
 */
public final class JobSubmissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** Parallelism below 1. */
        INVALID_PARALLELISM,
        /** No jar file was given. */
        MISSING_JAR,
        /** The jar is not a readable jar file. */
        INVALID_JAR,
        /** The entry class is not in the jar. */
        ENTRY_CLASS_NOT_FOUND,
        /** The entry class is not a job, or cannot be instantiated. */
        NOT_A_JOB,
        /** The job rejected its arguments. */
        INVALID_ARGUMENTS,
        /** The cluster's TaskExecutors have too few free slots and none can be added. */
        NOT_ENOUGH_SLOTS,
        /** No job with the given id. */
        UNKNOWN_JOB
    }

    private final Reason reason;

    /**
     * @param reason  what kind of refusal
     * @param message one line naming what is wrong
     */
    public JobSubmissionException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the request was refused. */
    public Reason reason() {
        return reason;
    }
}
