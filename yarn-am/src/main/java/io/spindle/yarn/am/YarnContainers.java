package io.spindle.yarn.am;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;

/**
 * The ResourceManager and NodeManager operations {@link YarnResourceDriver} uses, and nothing
 * else: a narrow seam so the driver's bookkeeping can be tested without a YARN cluster. Results
 * come back asynchronously, through the callbacks {@link AmCallbacks} routes to the driver.
 * The production implementation is {@link AsyncYarnContainers}.
 *
 * <p>Implementations must not block and must be safe to call from any thread.
 */
interface YarnContainers {

    /** Asks the ResourceManager for one container. */
    void addRequest(ContainerRequest request);

    /** Withdraws a request (it was satisfied, or is no longer wanted). */
    void removeRequest(ContainerRequest request);

    /** Gives an allocated container back to the ResourceManager. */
    void release(ContainerId container);

    /** Starts a TaskExecutor in an allocated container. */
    void start(Container container, ContainerLaunchContext launchContext);

    /**
     * Changes the nodes the ResourceManager must not place this application's containers on
     * ({@code AMRMClient.updateBlacklist}); names as the scheduler names nodes (see {@link NodeExclusion}).
     */
    void updateExclusions(java.util.List<String> additions, java.util.List<String> removals);

    /** Stops the process of a container on its NodeManager. */
    void stop(ContainerId container, NodeId node);

    /** Stops the NodeManager client; running containers keep running (the next attempt adopts them). */
    void close();
}
