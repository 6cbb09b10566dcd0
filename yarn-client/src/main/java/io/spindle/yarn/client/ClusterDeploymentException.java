package io.spindle.yarn.client;

import java.io.IOException;

/**
 * A failure of the cluster or a service (YARN, the file system, the JobManager's REST endpoint)
 * while deploying, attaching to or stopping a Spindle cluster. Its message is one line for the
 * user, naming the host, key or application concerned; the cause, if any, carries the details.
 *
 * <p>Errors in the user's input (configuration, arguments, files) are reported as {@link
 * io.spindle.configuration.IllegalConfigurationException} instead. Command lines map this exception
 * to exit code 3 and those to exit code 1. (It is an {@link IOException} so that handlers that map
 * I/O failures to service errors treat it right.)
 */
public class ClusterDeploymentException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a one-line message. */
    public ClusterDeploymentException(String message) {
        super(message);
    }

    /** An exception with a one-line message and its cause. */
    public ClusterDeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
