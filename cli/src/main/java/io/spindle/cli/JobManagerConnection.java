package io.spindle.cli;

import io.spindle.runtime.rest.RestClientException;
import io.spindle.runtime.rest.RestClusterClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.time.Duration;
import java.util.function.Function;

/**
 * The CLI's line to the leading JobManager: finds it with a {@link ClusterLocator} on first use
 * (again after {@link #relocate()}), and turns REST failures into the CLI's exit codes. A
 * JobManager that cannot be reached or answers 5xx is a service failure ({@link IOException}, exit
 * code {@link ExitCodes#SERVICE_FAILURE}); a refusal (4xx) stays a
 * {@link RestClientException} (exit code {@link ExitCodes#USAGE_OR_CONFIG}). Either way the
 * message is the server's one line.
 *
 * <p>When the leader the cluster published refuses the connection (it just died and its znode has
 * not expired yet), and the locator {@link ClusterLocator#followsPublishedLeader follows the
 * published leader}, the call waits, bounded by the leader wait, for the next leader, with one
 * {@code Warning:} line on the error stream, and is then sent there. A refused connection means the
 * request was never received, so repeating it (a submission too) is safe; other failures are not
 * repeated.
 *
 * <p>Every call carries the locator's {@link ClusterLocator#credential() credential}, if it has one.
 *
 * <p>Not thread-safe; one command uses it.
 */
final class JobManagerConnection {

    private static final Duration POLL = Duration.ofMillis(500);

    /** The JobManager could not be reached, or failed (5xx). */
    static final class JobManagerUnavailableException extends IOException {
        private static final long serialVersionUID = 1L;

        JobManagerUnavailableException(RestClientException cause) {
            super(cause.getMessage(), cause);
        }

        JobManagerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ClusterLocator locator;
    private final Duration leaderWait;
    private final PrintWriter err;
    private RestClusterClient client;

    /**
     * @param leaderWait how long to wait for the next leader when the published one refuses
     *     connections; zero does not wait
     * @param err receives the one progress line of such a wait
     */
    JobManagerConnection(ClusterLocator locator, Duration leaderWait, PrintWriter err) {
        this.locator = locator;
        this.leaderWait = leaderWait;
        this.err = err;
    }

    /**
     * Runs one call against the leader.
     *
     * @throws IOException if the leader cannot be found or reached, or fails
     * @throws RestClientException if the JobManager refuses the call (4xx)
     */
    <T> T call(Function<RestClusterClient, T> call) throws IOException {
        if (client == null) {
            client = newClient(locator.leaderRestUrl());
        }
        try {
            return call.apply(client);
        } catch (RestClientException e) {
            if (refused(e) && locator.followsPublishedLeader() && !leaderWait.isZero()) {
                return callNextLeader(call, e);
            }
            throw unavailableOr(e);
        }
    }

    private <T> T callNextLeader(Function<RestClusterClient, T> call, RestClientException first) throws IOException {
        String dead = client.url();
        locator.checkClusterRunning();
        err.println("Warning: the JobManager leader at " + dead + " refuses connections; waiting up to "
                + leaderWait.toSeconds() + " s for the next leader");
        err.flush();
        long deadline = System.nanoTime() + leaderWait.toNanos();
        Exception last = first;
        while (System.nanoTime() < deadline) {
            sleep();
            String url;
            try {
                url = locator.leaderRestUrl();
            } catch (IOException e) {
                last = e;
                continue;
            }
            client = newClient(url);
            try {
                return call.apply(client);
            } catch (RestClientException e) {
                if (!refused(e)) {
                    throw unavailableOr(e);
                }
                last = e;
            }
        }
        locator.checkClusterRunning();
        throw new JobManagerUnavailableException("no reachable JobManager leader within " + leaderWait.toSeconds()
                + " s (" + locator.describe() + "): " + last.getMessage(), last);
    }

    /** A client of {@code url} with the locator's credential, if it has one. */
    private RestClusterClient newClient(String url) throws IOException {
        RestClusterClient plain = new RestClusterClient(url);
        return locator.credential().map(plain::withCredential).orElse(plain);
    }

    private static boolean refused(RestClientException e) {
        if (e.statusCode() != 0) {
            return false;
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** A service failure for no answer or a 5xx; a refusal (4xx) is thrown as it is. */
    private static IOException unavailableOr(RestClientException e) {
        if (e.statusCode() == 0 || e.statusCode() >= 500) {
            return new JobManagerUnavailableException(e);
        }
        throw e;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the next JobManager leader", e);
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
