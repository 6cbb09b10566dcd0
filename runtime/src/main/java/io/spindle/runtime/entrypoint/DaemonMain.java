package io.spindle.runtime.entrypoint;

import io.spindle.util.FileTrees;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.ha.ZooKeeperUnavailableException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a daemon's body and turns its failures into one line on standard error and an exit code:
 * 1 for configuration errors, 3 for unreachable services and other failures, 0 otherwise.
 */
final class DaemonMain {

    /** Exit code of a configuration error. */
    static final int CONFIG_ERROR = 1;
    /** Exit code of an unavailable service or another failure. */
    static final int SERVICE_ERROR = 3;

    private static final Logger LOG = LoggerFactory.getLogger(DaemonMain.class);

    private DaemonMain() {}

    /** Deletes a daemon's temporary work folder, quietly (it is scratch space). */
    static void deleteWorkDir(java.nio.file.Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (java.io.IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.toString());
        }
    }

    static int run(String what, Callable<Integer> body, PrintStream err) {
        try {
            return body.call();
        } catch (IllegalConfigurationException e) {
            LOG.error("{} cannot start: {}", what, e.getMessage());
            err.println("Error: " + e.getMessage());
            return CONFIG_ERROR;
        } catch (ZooKeeperUnavailableException e) {
            LOG.error("{} cannot start: {}", what, e.getMessage());
            err.println("Error: " + e.getMessage());
            return SERVICE_ERROR;
        } catch (Exception e) {
            LOG.error("{} failed", what, e);
            err.println("Error: " + what + " failed: " + e.getMessage());
            return SERVICE_ERROR;
        }
    }
}
