package io.spindle.runtime.jobmanager;

/**
 * A request the JobManager refuses because of its input: a missing jar, an unknown class, a class
 * that is not a job, too few slots, an unknown job id. Carries the HTTP status the REST endpoint
 * answers with (4xx) and a one-line message for the user.
 */
public final class JobSubmissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /**
     * @param httpStatus 400 for bad input, 404 for an unknown job, 409 for a conflict
     * @param message one line naming what is wrong
     */
    public JobSubmissionException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status for this refusal. */
    public int httpStatus() {
        return httpStatus;
    }
}
