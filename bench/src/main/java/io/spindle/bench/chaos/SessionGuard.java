package io.spindle.bench.chaos;

import io.spindle.yarn.client.YarnClusterDeployer;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a bench's session when the bench ends: at {@link #close()}, or from a shutdown hook when
 * the bench is interrupted (Ctrl-C, SIGTERM), so no session outlives its run. Not thread-safe.
 */
final class SessionGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);

    private final YarnClusterDeployer deployer;
    private final ApplicationId application;
    private final Thread hook;

    SessionGuard(YarnClusterDeployer deployer, ApplicationId application) {
        this.deployer = deployer;
        this.application = application;
        this.hook = new Thread(this::stop, "stop-" + application);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void stop() {
        try {
            deployer.stop(application);
        } catch (Exception e) {
            LOG.warn("Could not stop the session {}: {}", application, e.toString());
        }
    }

    /** Stops the session now. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return; // shutting down: the hook stops it
        }
        stop();
    }
}
