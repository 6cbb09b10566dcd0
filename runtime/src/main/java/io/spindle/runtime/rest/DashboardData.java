package io.spindle.runtime.rest;

import io.spindle.ha.HaDataCheck;
import io.spindle.runtime.history.LeaderSessionRecord;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard shows besides the JobManager's own answers ({@link
 * io.spindle.runtime.jobmanager.JobManagerGateway}): the HA connection and storage, the failover
 * history, the HA data with its verdict and the links to container logs. Read-only; implementations
 * are thread-safe.
 */
public interface DashboardData {

    /**
     * The JobManager's HA side.
     *
     * @param zooKeeperConnection the state of its ZooKeeper connection: CONNECTED, SUSPENDED, RECONNECTED or LOST
     * @param storageDir          the cluster's folder in storageDir
     */
    record HaStatus(String zooKeeperConnection, String storageDir) {}

    /** @return the HA side of this JobManager */
    HaStatus haStatus();

    /**
     * @return the cluster's leader sessions, oldest first
     * @throws IOException if the history cannot be read
     */
    List<LeaderSessionRecord> leaderSessions() throws IOException;

    /**
     * @return the cluster's HA data checked as {@code spindle ha inspect} does; may be a few seconds old
     * @throws Exception if the backend or the file system failed
     */
    HaDataCheck haData() throws Exception;

    /**
     * @param resourceId a TaskExecutor's resource id
     * @return the page of its container's logs, or empty
     */
    Optional<String> logUrl(String resourceId);
}
