package io.spindle.yarn.client;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a deployment that did not finish: kills the application if it was submitted, deletes
 * its staging directory and whatever else the deployment made on the client (the owner's secret file). It runs when the deployment fails, and also when the JVM shuts down before
 * the deployment finished (Ctrl-C in {@code yarn-session.sh} while it waits for the JobManager), as
 * a Hadoop shutdown hook that runs before Hadoop closes its file systems.
 *
 * <p>Runs at most once. Thread-safe: the submission and the rollback exclude each other, so an
 * application is either not submitted at all once a rollback began, or submitted and then killed.
 */
final class DeploymentRollback {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRollback.class);

    /** Before {@link FileSystem#SHUTDOWN_HOOK_PRIORITY}: the staging dir is deleted while its file system is open. */
    static final int SHUTDOWN_HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 10;

    private static final long SHUTDOWN_HOOK_TIMEOUT_SECONDS = 20;

    /** A submission step, run under the rollback's lock. */
    @FunctionalInterface
    interface Submission {
        void submit() throws YarnException, IOException;
    }

    private final YarnClient yarn;
    private final ApplicationId appId;
    private final StagingDirectory staging;
    private final Runnable clientSideUndo;
    private final Runnable hook = this::rollBackOnShutdown;
    private final Object lock = new Object();
    private boolean submitted;
    private boolean settled;

    private DeploymentRollback(YarnClient yarn, ApplicationId appId, StagingDirectory staging,
            Runnable clientSideUndo) {
        this.yarn = yarn;
        this.appId = appId;
        this.staging = staging;
        this.clientSideUndo = clientSideUndo;
    }

    /**
     * A rollback of the deployment of {@code appId}, armed for JVM shutdown until {@link #disarm}.
     *
     * @param clientSideUndo removes what the deployment made on the client; must not throw
     */
    static DeploymentRollback arm(YarnClient yarn, ApplicationId appId, StagingDirectory staging,
            Runnable clientSideUndo) {
        DeploymentRollback rollback = new DeploymentRollback(yarn, appId, staging, clientSideUndo);
        ShutdownHookManager.get().addShutdownHook(rollback.hook, SHUTDOWN_HOOK_PRIORITY,
                SHUTDOWN_HOOK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return rollback;
    }

    /**
     * Submits the application, unless the deployment was rolled back already.
     *
     * @throws ClusterDeploymentException if it was rolled back (the JVM is shutting down)
     */
    void submit(Submission submission) throws YarnException, IOException, ClusterDeploymentException {
        synchronized (lock) {
            if (settled) {
                throw new ClusterDeploymentException("Not submitting " + appId + ": the client is shutting down");
            }
            submission.submit();
            submitted = true;
        }
    }

    /** The deployment finished: nothing is undone, on shutdown either. */
    void disarm() {
        synchronized (lock) {
            settled = true;
        }
        removeHook();
    }

    /** Kills the application if it was submitted and deletes the staging directory and client-side files, once; never throws. */
    void rollBack() {
        rollBack("its deployment failed");
        removeHook();
    }

    private void rollBackOnShutdown() {
        rollBack("the client was stopped during the deployment");
    }

    private void rollBack(String why) {
        boolean kill;
        synchronized (lock) {
            if (settled) {
                return;
            }
            settled = true;
            kill = submitted;
        }
        // Files first: the kill waits until YARN reports the application KILLED, which on a busy
        // cluster can outlast the shutdown hook's time; the kill request itself is sent at once.
        if (staging.delete()) {
            LOG.info("Deleted the staging directory of {} because {}", appId, why);
        }
        clientSideUndo.run();
        if (kill) {
            try {
                yarn.killApplication(appId);
                LOG.info("Killed {} because {}", appId, why);
            } catch (YarnException | IOException | RuntimeException e) {
                LOG.warn("Could not kill {} after {}: {}", appId, why, e.toString());
            }
        }
    }

    private void removeHook() {
        try {
            ShutdownHookManager.get().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            LOG.debug("JVM shutting down; the hook stays", e);
        }
    }
}
