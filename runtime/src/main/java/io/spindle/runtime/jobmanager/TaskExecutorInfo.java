package io.spindle.runtime.jobmanager;

import java.time.Instant;

/**
 * A TaskExecutor registered with the leader, as the REST API shows it.
 *
 * @param id its id (the container id on YARN, else its RPC address)
 * @param address its RPC address, {@code host:port}
 * @param resourceId the YARN container id, or empty text outside YARN
 * @param slots its task slots
 * @param freeSlots slots not running a task
 * @param lastHeartbeatAt when it last answered a heartbeat
 */
public record TaskExecutorInfo(String id, String address, String resourceId, int slots, int freeSlots,
        Instant lastHeartbeatAt) {

    /** The host part of {@link #address}. */
    public String host() {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
