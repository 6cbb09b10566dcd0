package io.spindle.cli;

import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClientException;
import io.spindle.util.Polling;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one job until it ends: polls its status every poll interval and prints each change of
 * state with the time since submission. Rides out a JobManager failover: while the leader cannot
 * be reached, or does not know the job yet, it looks the leader up again and keeps polling for
 * up to {@link #UNAVAILABLE_TOLERANCE}.
 *
 * <p>Not thread-safe; one command uses it.
 */
final class JobWatcher {

    /** How long the JobManager may be unreachable (or not know the job) before waiting gives up. */
    static final Duration UNAVAILABLE_TOLERANCE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(JobWatcher.class);

    private final JobManagerConnection connection;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Duration pollInterval;

    JobWatcher(JobManagerConnection connection, PrintWriter out, PrintWriter err, Duration pollInterval) {
        this.connection = connection;
        this.out = out;
        this.err = err;
        this.pollInterval = pollInterval;
    }

    /**
     * @param jobId       the job
     * @param submittedAt {@link System#nanoTime()} when it was submitted
     * @return 0 when the job finished, {@link ExitCodes#JOB_NOT_FINISHED} when it failed or was cancelled
     * @throws IOException if the JobManager stays unavailable for longer than the tolerance
     * @throws InterruptedException if interrupted while waiting
     */
    int waitForEnd(String jobId, long submittedAt) throws IOException, InterruptedException {
        return Polling.pollUntilPresent(pollInterval, new StatusProbe(jobId, submittedAt)::attempt);
    }

    /** One wait for a job's end: the last state printed, and since when the JobManager has been unavailable. */
    private final class StatusProbe {

        private final String jobId;
        private final long submittedAt;
        private JobState last;
        private long unavailableSince;

        StatusProbe(String jobId, long submittedAt) {
            this.jobId = jobId;
            this.submittedAt = submittedAt;
        }

        /** The exit code once the job has ended. */
        Optional<Integer> attempt() throws IOException {
            JobStatus status;
            try {
                status = connection.call(client -> client.job(jobId)).status();
                unavailableSince = 0;
            } catch (IOException | RestClientException e) {
                if (e instanceof RestClientException refused && !refused.isNotFound()) {
                    throw refused;
                }
                long now = System.nanoTime();
                if (unavailableSince == 0) {
                    unavailableSince = now;
                    err.println("Warning: " + e.getMessage() + "; retrying for up to " + UNAVAILABLE_TOLERANCE.toSeconds() + " s");
                    err.flush();
                } else if (now - unavailableSince > UNAVAILABLE_TOLERANCE.toNanos()) {
                    throw e;
                }
                LOG.debug("Job status unavailable, looking the leader up again", e);
                connection.relocate();
                return Optional.empty();
            }
            if (status.state() != last) {
                last = status.state();
                out.println(String.format(Locale.ROOT, "[%8.1f s] %s%s", (System.nanoTime() - submittedAt) / 1e9,
                        last, failureSuffix(status)));
                out.flush();
            }
            return last.isTerminal() ? Optional.of(ended(status)) : Optional.empty();
        }
    }

    private int ended(JobStatus status) {
        if (status.state() == JobState.FINISHED) {
            out.println("Job " + status.jobId() + " has finished.");
            out.flush();
            return 0;
        }
        err.println("Error: job " + status.jobId() + " " + (status.state() == JobState.FAILED ? "failed" : "was cancelled")
                + (status.failure() == null ? "" : ": " + status.failure()));
        err.flush();
        return ExitCodes.JOB_NOT_FINISHED;
    }

    private static String failureSuffix(JobStatus status) {
        boolean showFailure = status.failure() != null
                && (status.state() == JobState.RESTARTING || status.state() == JobState.FAILED);
        String restarts = status.state() == JobState.RESTARTING ? " (restarts: " + status.restarts() + ")" : "";
        return restarts + (showFailure ? ": " + status.failure() : "");
    }
}
