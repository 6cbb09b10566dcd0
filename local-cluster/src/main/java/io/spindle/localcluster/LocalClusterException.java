package io.spindle.localcluster;

/**
 * A problem the user can act on (a cluster already running, a port in use, a wrong directory),
 * reported as one line without a stack trace. Immutable.
 */
public final class LocalClusterException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line, no trailing period needed */
    public LocalClusterException(String message) {
        super(message);
    }

    /**
     * @param message one line
     * @param cause   the underlying failure, kept for the log
     */
    public LocalClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
