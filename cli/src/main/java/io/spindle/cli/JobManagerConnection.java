package io.spindle.cli;

import io.spindle.runtime.rest.RestClientException;
import io.spindle.runtime.rest.RestClusterClient;
import java.io.IOException;
import java.util.function.Function;

/**
 * The CLI's line to the leading JobManager: finds it with a {@link ClusterLocator} on first use
 * (again after {@link #relocate()}), and turns REST failures into the CLI's exit codes. A
 * JobManager that cannot be reached or answers 5xx is a service failure ({@link IOException}, exit
 * code {@link ExitCodes#SERVICE_FAILURE}); a refusal (4xx) stays a
 * {@link RestClientException} (exit code {@link ExitCodes#USAGE_OR_CONFIG}). Either way the
 * message is the server's one line.
 *
 * <p>Not thread-safe; one command uses it.
 */
final class JobManagerConnection {

    /** The JobManager could not be reached, or failed (5xx). */
    static final class JobManagerUnavailableException extends IOException {
        private static final long serialVersionUID = 1L;

        JobManagerUnavailableException(RestClientException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final ClusterLocator locator;
    private RestClusterClient client;

    JobManagerConnection(ClusterLocator locator) {
        this.locator = locator;
    }

    /**
     * Runs one call against the leader.
     *
     * @throws IOException if the leader cannot be found or reached, or fails
     * @throws RestClientException if the JobManager refuses the call (4xx)
     */
    <T> T call(Function<RestClusterClient, T> call) throws IOException {
        if (client == null) {
            client = new RestClusterClient(locator.leaderRestUrl());
        }
        try {
            return call.apply(client);
        } catch (RestClientException e) {
            if (e.statusCode() == 0 || e.statusCode() >= 500) {
                throw new JobManagerUnavailableException(e);
            }
            throw e;
        }
    }

    /** Forgets the leader, so that the next call looks it up again (after a failover). */
    void relocate() {
        client = null;
    }

    /** @return the URL calls went to last, or where the locator looks when none did yet */
    String describe() {
        return client != null ? client.url() : locator.describe();
    }
}
