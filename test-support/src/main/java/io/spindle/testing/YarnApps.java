package io.spindle.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptReport;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Bounded waits on YARN applications and attempts, through a {@link YarnClient}.
 *
 * <p>Every wait polls the ResourceManager (every 100 ms) with Awaitility and fails with a
 * {@code ConditionTimeoutException} naming the last state seen once {@code timeout} has passed.
 * None of them sleeps for a fixed time.
 *
 * <p>Thread safety: stateless; safe to call from any thread with a started, thread-safe
 * {@code YarnClient} (the Hadoop implementation is).
 */
public final class YarnApps {

    /** Application states after which nothing more happens. */
    public static final Set<YarnApplicationState> TERMINAL_APP_STATES = EnumSet.of(
            YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    /** Attempt states after which the attempt's AM container is gone. */
    public static final Set<YarnApplicationAttemptState> TERMINAL_ATTEMPT_STATES = EnumSet.of(
            YarnApplicationAttemptState.FINISHED, YarnApplicationAttemptState.FAILED,
            YarnApplicationAttemptState.KILLED);

    private static final Duration POLL = Duration.ofMillis(100);

    private YarnApps() {
    }

    /** Waits until the application is in one of {@code states}; returns the report that showed it. */
    public static ApplicationReport awaitState(YarnClient client, ApplicationId appId, Duration timeout,
            YarnApplicationState... states) {
        Set<YarnApplicationState> wanted = EnumSet.copyOf(List.of(states));
        AtomicReference<ApplicationReport> last = new AtomicReference<>();
        await("application " + appId + " in " + wanted)
                .atMost(timeout).pollInterval(POLL).pollDelay(Duration.ZERO)
                .until(() -> {
                    ApplicationReport report = client.getApplicationReport(appId);
                    last.set(report);
                    return wanted.contains(report.getYarnApplicationState());
                });
        return last.get();
    }

    /**
     * Waits until the application's current attempt has the given attempt number and is in one of
     * {@code states}; returns that attempt's report.
     */
    public static ApplicationAttemptReport awaitAttempt(YarnClient client, ApplicationId appId, int attemptNumber,
            Duration timeout, YarnApplicationAttemptState... states) {
        Set<YarnApplicationAttemptState> wanted = EnumSet.copyOf(List.of(states));
        ApplicationAttemptId attemptId = ApplicationAttemptId.newInstance(appId, attemptNumber);
        AtomicReference<ApplicationAttemptReport> last = new AtomicReference<>();
        await("attempt " + attemptId + " in " + wanted)
                .atMost(timeout).pollInterval(POLL).pollDelay(Duration.ZERO)
                .until(() -> {
                    ApplicationReport app = client.getApplicationReport(appId);
                    if (app.getCurrentApplicationAttemptId() == null
                            || app.getCurrentApplicationAttemptId().getAttemptId() < attemptNumber) {
                        return false;
                    }
                    ApplicationAttemptReport report = client.getApplicationAttemptReport(attemptId);
                    last.set(report);
                    return wanted.contains(report.getYarnApplicationAttemptState());
                });
        return last.get();
    }

    /**
     * Waits until the application is in a terminal state <em>and</em> its last attempt is too
     * (FINISHED, not FINISHING: its AM container has exited). Call this before tearing the cluster
     * down, so the NodeManager is not stopped under a still-running AM.
     */
    public static ApplicationReport awaitTerminal(YarnClient client, ApplicationId appId, Duration timeout) {
        AtomicReference<ApplicationReport> last = new AtomicReference<>();
        await("application " + appId + " and its last attempt terminal")
                .atMost(timeout).pollInterval(POLL).pollDelay(Duration.ZERO)
                .until(() -> {
                    ApplicationReport report = client.getApplicationReport(appId);
                    last.set(report);
                    if (!TERMINAL_APP_STATES.contains(report.getYarnApplicationState())) {
                        return false;
                    }
                    ApplicationAttemptId current = report.getCurrentApplicationAttemptId();
                    return current == null || TERMINAL_ATTEMPT_STATES.contains(
                            client.getApplicationAttemptReport(current).getYarnApplicationAttemptState());
                });
        return last.get();
    }

    /** The reports of all attempts of the application, oldest first. */
    public static List<ApplicationAttemptReport> attempts(YarnClient client, ApplicationId appId) {
        try {
            return client.getApplicationAttempts(appId).stream()
                    .sorted((a, b) -> Integer.compare(a.getApplicationAttemptId().getAttemptId(),
                            b.getApplicationAttemptId().getAttemptId()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (YarnException e) {
            throw new IllegalStateException("cannot list attempts of " + appId, e);
        }
    }
}
