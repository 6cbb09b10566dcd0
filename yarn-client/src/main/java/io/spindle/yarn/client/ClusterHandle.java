package io.spindle.yarn.client;

import java.util.Objects;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * A running Spindle cluster on YARN: its application and the REST endpoint of its JobManager
 * leader (as registered by the ApplicationMaster as tracking URL).
 *
 * <p>Two handles are equal when they name the same application and endpoint: the start report is
 * what one client saw, not part of the cluster's identity (a handle from {@code attach} equals the
 * one its deployment returned).
 *
 * <p>Immutable and thread-safe.
 *
 * @param applicationId the YARN application
 * @param restUrl the JobManager's REST base URL, e.g. {@code http://host:8081}, without a trailing slash
 * @param startup the start steps seen until the leader was ready ({@link StartupReport#unknown()} when attached)
 */
public record ClusterHandle(ApplicationId applicationId, String restUrl, StartupReport startup) {

    /** Checks for nulls. */
    public ClusterHandle {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(startup, "startup");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterHandle other && applicationId.equals(other.applicationId)
                && restUrl.equals(other.restUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(applicationId, restUrl);
    }

    /** A handle of a cluster this client did not start. */
    public ClusterHandle(ApplicationId applicationId, String restUrl) {
        this(applicationId, restUrl, StartupReport.unknown());
    }
}
