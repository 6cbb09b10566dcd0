package io.spindle.yarn.client;

import io.spindle.runtime.rest.RestClientException;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.util.Messages;
import io.spindle.util.Polling;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, bounded, for a submitted application to become ready: first for YARN to report it
 * RUNNING with a tracking URL (the AM registered), then for that URL's {@code /v1/overview} to
 * report a leader. Prints each new YARN state with the elapsed time, e.g. {@code Waiting for the
 * ApplicationMaster: ACCEPTED (2.1 s)}.
 *
 * <p>Also waits for an application to end ({@link #awaitTerminal}). Polls every {@code
 * pollInterval}; never waits past its deadline by more than one poll and one request timeout.
 *
 * <p>Thread-safe if the YARN client is; each call keeps its state on its own stack.
 */
public final class ApplicationReadiness {

    /** States after which nothing more happens. */
    public static final Set<YarnApplicationState> TERMINAL_STATES = EnumSet.of(
            YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationReadiness.class);

    private final YarnClient yarn;
    private final Duration requestTimeout;
    private final Consumer<String> console;
    private final Duration pollInterval;

    /**
     * @param yarn a started client
     * @param requestTimeout the bound of each REST request to the JobManager
     * @param console receives the progress lines
     * @param pollInterval how often to ask
     */
    public ApplicationReadiness(YarnClient yarn, Duration requestTimeout, Consumer<String> console,
            Duration pollInterval) {
        this.yarn = Objects.requireNonNull(yarn);
        this.requestTimeout = Objects.requireNonNull(requestTimeout);
        this.console = Objects.requireNonNull(console);
        this.pollInterval = Objects.requireNonNull(pollInterval);
    }

    /**
     * Waits until the application runs and its JobManager has a leader.
     *
     * @return the REST base URL
     * @throws ClusterDeploymentException if the application ends first (with YARN's diagnostics),
     *     the timeout passes (naming the last state), or YARN cannot be asked
     * @throws InterruptedException if interrupted while waiting
     */
    public String awaitReady(ApplicationId appId, Duration timeout) throws ClusterDeploymentException,
            InterruptedException {
        return awaitReady(appId, timeout, new StartupProgress(java.time.Instant.now(), line -> { }));
    }

    /** As {@link #awaitReady(ApplicationId, Duration)}, recording (and printing) the start steps into {@code progress}. */
    String awaitReady(ApplicationId appId, Duration timeout, StartupProgress progress) throws ClusterDeploymentException,
            InterruptedException {
        ReadinessProbe probe = new ReadinessProbe(appId, progress);
        return Polling.poll(pollInterval, timeout, probe::attempt).orElseThrow(() -> new ClusterDeploymentException(
                "Application " + appId + " was not ready within " + ClusterPreflight.seconds(timeout) + ": "
                        + probe.notReadyBecause()));
    }

    /**
     * Waits until the application is FINISHED, FAILED or KILLED.
     *
     * @return the terminal report, or null if the timeout passed first
     * @throws ClusterDeploymentException if YARN cannot be asked
     * @throws InterruptedException if interrupted while waiting
     */
    public ApplicationReport awaitTerminal(ApplicationId appId, Duration timeout)
            throws ClusterDeploymentException, InterruptedException {
        return Polling.poll(pollInterval, timeout, () -> Optional.of(report(appId))
                .filter(report -> TERMINAL_STATES.contains(report.getYarnApplicationState()))).orElse(null);
    }

    /** One wait for readiness: what it has seen so far, and one look at YARN (and the JobManager) per attempt. */
    private final class ReadinessProbe {

        private final ApplicationId appId;
        private final StartupProgress progress;
        private final long start = System.nanoTime();
        private YarnApplicationState lastState;
        private String restUrl = "";
        private boolean announcedLeaderWait;
        private RestClusterClient rest;
        private String lastRestProblem = "no answer yet";

        ReadinessProbe(ApplicationId appId, StartupProgress progress) {
            this.appId = appId;
            this.progress = progress;
        }

        /** The REST base URL once the leader is ready. */
        Optional<String> attempt() throws ClusterDeploymentException {
            ApplicationReport report = report(appId);
            YarnApplicationState state = report.getYarnApplicationState();
            if (state != lastState) {
                console.accept("Waiting for the ApplicationMaster: " + state + " (" + elapsed(start) + ")");
                lastState = state;
            }
            if (TERMINAL_STATES.contains(state)) {
                throw new ClusterDeploymentException(endedBeforeReady(appId, report));
            }
            if (state == YarnApplicationState.ACCEPTED || state == YarnApplicationState.RUNNING) {
                progress.record(StartupProgress.ACCEPTED);
            }
            if (state != YarnApplicationState.RUNNING) {
                return Optional.empty();
            }
            recordAmContainer(report);
            restUrl = TrackingUrls.restUrlOf(report.getOriginalTrackingUrl());
            if (restUrl.isEmpty()) {
                return Optional.empty();
            }
            if (!announcedLeaderWait) {
                console.accept("Waiting for the JobManager leader at " + restUrl + " (" + elapsed(start) + ")");
                announcedLeaderWait = true;
            }
            try {
                if (rest == null || !rest.url().equals(RestClusterClient.normalizeUrl(restUrl))) {
                    rest = client(restUrl);
                }
                boolean leader = rest.overview().leader();
                addServerSteps(rest);
                if (leader) {
                    console.accept("JobManager leader ready at " + restUrl + " (" + elapsed(start) + ")");
                    return Optional.of(restUrl);
                }
                lastRestProblem = "no leader yet";
            } catch (RestClientException e) {
                lastRestProblem = e.getMessage();
                LOG.debug("{}{} not answering yet", restUrl, TrackingUrls.OVERVIEW_PATH, e);
            }
            return Optional.empty();
        }

        /** Records the JobManager's start steps; one it cannot tell (an older JobManager) is only logged. */
        private void addServerSteps(RestClusterClient client) {
            try {
                progress.add(client.startup());
            } catch (RestClientException e) {
                LOG.debug("No start steps from {}", client.url(), e);
            }
        }

        /** Records when the ResourceManager created the AM container, once; a failure to ask is only logged. */
        private void recordAmContainer(ApplicationReport report) {
            if (progress.has(StartupProgress.AM_CONTAINER_ALLOCATED)) {
                return;
            }
            try {
                org.apache.hadoop.yarn.api.records.ContainerId am = yarn.getApplicationAttemptReport(
                        report.getCurrentApplicationAttemptId()).getAMContainerId();
                if (am != null) {
                    progress.add(java.util.List.of(new io.spindle.runtime.jobmanager.StartupTimeline.Step(
                            StartupProgress.AM_CONTAINER_ALLOCATED,
                            java.time.Instant.ofEpochMilli(yarn.getContainerReport(am).getCreationTime()))));
                }
            } catch (YarnException | IOException | RuntimeException e) {
                LOG.debug("No report of the AM container of {}", appId, e);
            }
        }

        /** Why the application is not ready, after the last attempt. */
        String notReadyBecause() {
            return lastState == YarnApplicationState.RUNNING && !restUrl.isEmpty()
                    ? "the JobManager at " + restUrl + TrackingUrls.OVERVIEW_PATH + " reports no leader ("
                            + lastRestProblem + ")"
                    : "the application is " + lastState;
        }
    }

    /**
     * The application's report.
     *
     * @throws ClusterDeploymentException if YARN cannot be asked or does not know the application
     */
    public ApplicationReport report(ApplicationId appId) throws ClusterDeploymentException {
        try {
            return yarn.getApplicationReport(appId);
        } catch (YarnException | IOException e) {
            throw new ClusterDeploymentException("Cannot get the report of application " + appId + " from YARN: "
                    + ResourceManagerConnection.rootCause(e), e);
        }
    }

    /** A REST client of the JobManager at {@code restUrl}, every call bounded by the request timeout. */
    RestClusterClient client(String restUrl) {
        return new RestClusterClient(restUrl, requestTimeout, requestTimeout, requestTimeout);
    }

    /**
     * The error of an application that ended while the client waited for it. An application its
     * ApplicationMaster ended FAILED (state FINISHED) carries the AM's own one-line diagnostic, e.g.
     * the configuration key or host it could not use: that line is the error. Otherwise YARN ended
     * it (attempts used up, killed): the state, final status and YARN's diagnostics.
     */
    static String endedBeforeReady(ApplicationId appId, ApplicationReport report) {
        if (report.getYarnApplicationState() == YarnApplicationState.FINISHED
                && report.getFinalApplicationStatus() == FinalApplicationStatus.FAILED) {
            return "Application " + appId + " failed: " + diagnostics(report);
        }
        return "Application " + appId + " ended as " + report.getYarnApplicationState() + " ("
                + report.getFinalApplicationStatus() + ") before it was ready: " + diagnostics(report);
    }

    /** The report's diagnostics on one line, at most 500 characters, or {@code no diagnostics}. */
    public static String diagnostics(ApplicationReport report) {
        String d = report.getDiagnostics();
        if (d == null || d.isBlank()) {
            return "no diagnostics";
        }
        String flat = Messages.oneLine(d);
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }

    static String elapsed(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
