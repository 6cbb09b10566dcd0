package io.spindle.yarn.am;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;

/**
 * {@link YarnContainers} over YARN's asynchronous clients: the AM-RM client the AM registered with,
 * and a NodeManager client this class starts. Its NodeManager client leaves containers running
 * when it stops, so TaskExecutors survive this attempt and the next one adopts them. The AM-RM
 * heartbeat is faster while requests are outstanding ({@link HeartbeatPacer}).
 * Thread-safe (the YARN clients are).
 */
final class AsyncYarnContainers implements YarnContainers {

    private final AMRMClientAsync<ContainerRequest> resourceManager;
    private final NMClientAsync nodeManagers;
    private final HeartbeatPacer heartbeat;

    /**
     * Starts the NodeManager client.
     *
     * @param resourceManager the started AM-RM client
     * @param nodeManagerCallbacks told of container starts and their failures
     * @param hadoopConf the NodeManager client's configuration
     */
    AsyncYarnContainers(AMRMClientAsync<ContainerRequest> resourceManager,
            NMClientAsync.AbstractCallbackHandler nodeManagerCallbacks, Configuration hadoopConf) {
        this.resourceManager = resourceManager;
        this.heartbeat = new HeartbeatPacer(resourceManager::setHeartbeatInterval);
        NMClientAsync nmClient = NMClientAsync.createNMClientAsync(nodeManagerCallbacks);
        nmClient.getClient().cleanupRunningContainersOnStop(false);
        nmClient.init(hadoopConf);
        nmClient.start();
        this.nodeManagers = nmClient;
    }

    @Override
    public void addRequest(ContainerRequest request) {
        resourceManager.addContainerRequest(request);
        heartbeat.requestAdded();
    }

    @Override
    public void removeRequest(ContainerRequest request) {
        resourceManager.removeContainerRequest(request);
        heartbeat.requestRemoved();
    }

    @Override
    public void release(ContainerId container) {
        resourceManager.releaseAssignedContainer(container);
    }

    @Override
    public void updateExclusions(java.util.List<String> additions, java.util.List<String> removals) {
        // Copies: the AM-RM client changes the lists it is given.
        resourceManager.updateBlacklist(new java.util.ArrayList<>(additions), new java.util.ArrayList<>(removals));
    }

    @Override
    public void start(Container container, ContainerLaunchContext launchContext) {
        nodeManagers.startContainerAsync(container, launchContext);
    }

    @Override
    public void stop(ContainerId container, NodeId node) {
        nodeManagers.stopContainerAsync(container, node);
    }

    @Override
    public void close() {
        nodeManagers.stop();
    }
}
