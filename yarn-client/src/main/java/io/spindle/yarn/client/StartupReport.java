package io.spindle.yarn.client;

import io.spindle.runtime.jobmanager.StartupTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The start of one deployment as its client saw it: when it was submitted, the steps that followed
 * (the client's own, {@code staged}, {@code submitted}, {@code accepted}, {@code AM container
 * allocated}, then those the JobManager reports in {@code GET /v1/cluster/startup}), and how much of
 * {@code lib/} the submission uploaded. Server-side instants come from the cluster's clocks: exact
 * on one machine, off by the clock skew otherwise.
 *
 * <p>Immutable and thread-safe.
 *
 * @param submittedAt when the deployment began (the client's clock)
 * @param steps the steps in time order
 * @param libFilesUploaded files of {@code lib/} uploaded by this submission (0: the shared copy was reused)
 * @param libBytesUploaded their bytes
 */
public record StartupReport(Instant submittedAt, List<StartupTimeline.Step> steps, int libFilesUploaded,
        long libBytesUploaded) {

    /** Copies the list. */
    public StartupReport {
        Objects.requireNonNull(submittedAt, "submittedAt");
        steps = List.copyOf(steps);
    }

    /** The report of a cluster this client did not start (attached to). */
    public static StartupReport unknown() {
        return new StartupReport(Instant.EPOCH, List.of(), 0, 0);
    }

    /** How long after the submission {@code step} happened, if it did. */
    public Optional<Duration> sinceSubmission(String step) {
        return steps.stream().filter(s -> s.name().equals(step)).findFirst()
                .map(s -> Duration.between(submittedAt, s.at()));
    }

    /** The line the client prints for {@code step}, e.g. {@code Startup  +12.3 s  leader}. */
    static String line(Instant submittedAt, StartupTimeline.Step step) {
        return String.format(Locale.ROOT, "Startup %+7.1f s  %s",
                Duration.between(submittedAt, step.at()).toMillis() / 1000.0, step.name());
    }
}
