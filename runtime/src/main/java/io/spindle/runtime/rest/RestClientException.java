package io.spindle.runtime.rest;

import java.util.Optional;

/**
 * A call of {@link RestClusterClient} that failed: the JobManager refused it (the message is the
 * server's one-line {@code error}), answered something unreadable, or could not be reached (the
 * message is {@code cannot reach JobManager at <url>: <reason>} and {@link #statusCode()} is 0).
 *
 * <p>Unchecked; immutable.
 */
public final class RestClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String leaderUrl;

    /**
     * @param statusCode the HTTP status, or 0 when there was no answer
     * @param message    one line for the user
     * @param leaderUrl  the leader's REST URL a standby named, or {@code null}
     * @param cause      the underlying failure, or {@code null}
     */
    public RestClientException(int statusCode, String message, String leaderUrl, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.leaderUrl = leaderUrl;
    }

    /** @return the HTTP status of the answer, or 0 when the JobManager could not be reached */
    public int statusCode() {
        return statusCode;
    }

    /** @return the leader's REST URL named by a standby's 503, when it named one */
    public Optional<String> leaderUrl() {
        return Optional.ofNullable(leaderUrl);
    }

    /** @return whether the JobManager answered with "not found" (404) */
    public boolean isNotFound() {
        return statusCode == 404;
    }
}
