package io.spindle.yarn.client;

import io.spindle.runtime.rest.RestClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * The stop step of {@link YarnClusterDeployer#stop}: asks the cluster's JobManager to shut down
 * ({@code POST /v1/cluster/shutdown}) and waits, bounded by the stop timeout, for the application
 * to end; if it cannot be asked or does not end in time, kills the application and deletes its
 * staging directory (which the ApplicationMaster had no chance to delete). An application that has
 * already ended is left alone. Progress lines go to the console.
 *
 * <p>Holds no state of its own; thread-safe as its collaborators are.
 */
final class ApplicationShutdown {

    private final YarnClient yarn;
    private final FileSystem fs;
    private final ApplicationReadiness readiness;
    private final Duration stopTimeout;
    private final Consumer<String> console;

    ApplicationShutdown(YarnClient yarn, FileSystem fs, ApplicationReadiness readiness, Duration stopTimeout,
            Consumer<String> console) {
        this.yarn = yarn;
        this.fs = fs;
        this.readiness = readiness;
        this.stopTimeout = stopTimeout;
        this.console = console;
    }

    /**
     * @return the application's final state
     * @throws ClusterDeploymentException if YARN cannot be asked, or the application does not end
     *     even after the kill
     * @throws InterruptedException if interrupted while waiting
     */
    YarnApplicationState stop(ApplicationId appId) throws ClusterDeploymentException, InterruptedException {
        ApplicationReport report = readiness.report(appId);
        if (ApplicationReadiness.TERMINAL_STATES.contains(report.getYarnApplicationState())) {
            console.accept("Application " + appId + " has already ended: " + report.getYarnApplicationState());
            return report.getYarnApplicationState();
        }
        String restUrl = report.getYarnApplicationState() == YarnApplicationState.RUNNING
                ? TrackingUrls.restUrlOf(report.getOriginalTrackingUrl()) : "";
        if (!restUrl.isEmpty()) {
            try {
                readiness.client(appId, restUrl).shutDownCluster();
                console.accept("Asked the cluster " + appId + " at " + restUrl + " to shut down");
                ApplicationReport end = readiness.awaitTerminal(appId, stopTimeout);
                if (end != null) {
                    console.accept("Application " + appId + " ended: " + end.getYarnApplicationState() + " ("
                            + end.getFinalApplicationStatus() + ")");
                    return end.getYarnApplicationState();
                }
                console.accept("Application " + appId + " did not end within " + ClusterPreflight.seconds(stopTimeout)
                        + ": killing it");
            } catch (RestClientException e) {
                console.accept("Cannot ask the cluster " + appId + " at " + restUrl + " to shut down ("
                        + e.getMessage() + "): killing it");
            } catch (IOException e) {
                console.accept("Cannot ask the cluster " + appId + " at " + restUrl + " to shut down ("
                        + ResourceManagerConnection.rootCause(e) + "): killing it");
            }
        } else {
            console.accept("Application " + appId + " has no REST endpoint yet: killing it");
        }
        try {
            yarn.killApplication(appId);
        } catch (YarnException | IOException e) {
            throw new ClusterDeploymentException("Cannot kill application " + appId + ": "
                    + ResourceManagerConnection.rootCause(e), e);
        }
        ApplicationReport end = readiness.awaitTerminal(appId, stopTimeout);
        if (end == null) {
            throw new ClusterDeploymentException("Application " + appId + " did not end within "
                    + ClusterPreflight.seconds(stopTimeout) + " after it was killed");
        }
        StagingDirectory.delete(fs, StagingDirectory.pathOf(fs, appId.toString()));
        console.accept("Application " + appId + " ended: " + end.getYarnApplicationState());
        return end.getYarnApplicationState();
    }
}
