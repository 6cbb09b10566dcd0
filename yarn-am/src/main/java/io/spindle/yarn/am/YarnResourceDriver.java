package io.spindle.yarn.am;

import io.spindle.runtime.jobmanager.ResourceDriver;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The YARN resource driver: asks the ResourceManager for TaskExecutor containers until the
 * JobManager's jobs have the slots they need, starts a TaskExecutor in each, replaces containers
 * that end, and adopts the containers an earlier attempt left running (their TaskExecutors
 * re-register with the new leader by themselves). When containers keep failing faster than
 * {@code maxFailures} per {@code failureInterval}, it reports a fatal error instead of replacing
 * them forever.
 *
 * <p>Thread-safe: the JobManager calls it from its main thread, YARN from its callback threads.
 */
public final class YarnResourceDriver implements ResourceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(YarnResourceDriver.class);
    private static final Priority PRIORITY = Priority.newInstance(1);

    private final AMRMClientAsync<ContainerRequest> resourceManager;
    private final NMClientAsync nodeManagers;
    private ContainerLaunchContext launchContext;
    private final Resource containerResource;
    private final int slotsPerContainer;
    private final int maxFailures;
    private final Duration failureInterval;
    private final Consumer<String> fatalError;

    private final Map<ContainerId, NodeId> containers = new HashMap<>();
    private final Deque<ContainerRequest> pending = new ArrayDeque<>();
    private final Deque<Long> failureTimes = new ArrayDeque<>();
    private int wantedContainers;
    private boolean registered;
    private boolean closed;

    /**
     * @param resourceManager the started AM-RM client (registration is the AM's business)
     * @param hadoopConf for the NodeManager client this driver starts
     * @param containerResource memory and vcores of one TaskExecutor container
     * @param slotsPerContainer slots of one TaskExecutor
     * @param maxFailures container failures tolerated per interval
     * @param failureInterval the interval
     * @param fatalError told (once) when the application should fail
     */
    public YarnResourceDriver(AMRMClientAsync<ContainerRequest> resourceManager,
            org.apache.hadoop.conf.Configuration hadoopConf, Resource containerResource, int slotsPerContainer, int maxFailures,
            Duration failureInterval, Consumer<String> fatalError) {
        this.resourceManager = resourceManager;
        NMClientAsync nmClient = NMClientAsync.createNMClientAsync(new NodeManagerCallbacks());
        // TaskExecutors must survive this AM: the next attempt adopts them.
        nmClient.getClient().cleanupRunningContainersOnStop(false);
        nmClient.init(hadoopConf);
        nmClient.start();
        this.nodeManagers = nmClient;
        this.containerResource = containerResource;
        this.slotsPerContainer = Math.max(1, slotsPerContainer);
        this.maxFailures = maxFailures;
        this.failureInterval = failureInterval;
        this.fatalError = fatalError;
    }

    /**
     * The AM is registered with the ResourceManager: containers may be requested now. Containers an
     * earlier attempt started and YARN kept are counted as running.
     *
     * @param launchContext how to start a TaskExecutor (built late: listing the staged files is
     *     slow and must not delay the election)
     */
    public synchronized void registered(List<Container> previous, ContainerLaunchContext launchContext) {
        this.launchContext = launchContext;
        registered = true;
        for (Container container : previous) {
            containers.put(container.getId(), container.getNodeId());
        }
        if (!previous.isEmpty()) {
            LOG.info("Adopted {} TaskExecutor container(s) of earlier attempts; their TaskExecutors re-register with"
                    + " the new leader", previous.size());
        }
        requestMissing();
    }

    @Override
    public synchronized void requireSlots(int totalSlots) {
        wantedContainers = (totalSlots + slotsPerContainer - 1) / slotsPerContainer;
        requestMissing();
    }

    private void requestMissing() {
        if (closed || !registered) {
            return;
        }
        int missing = wantedContainers - containers.size() - pending.size();
        if (missing <= 0) {
            return;
        }
        LOG.info("Requesting {} TaskExecutor container(s) of {} MB ({} running, {} requested)", missing,
                containerResource.getMemorySize(), containers.size(), pending.size());
        for (int i = 0; i < missing; i++) {
            ContainerRequest request = new ContainerRequest(containerResource, null, null, PRIORITY);
            pending.add(request);
            resourceManager.addContainerRequest(request);
        }
    }

    @Override
    public synchronized void workerLost(String resourceId, String reason) {
        ContainerId id = parse(resourceId);
        if (id == null || !containers.containsKey(id)) {
            return;
        }
        NodeId node = containers.remove(id);
        LOG.warn("Releasing container {} of a lost TaskExecutor: {}", id, reason);
        resourceManager.releaseAssignedContainer(id);
        nodeManagers.stopContainerAsync(id, node);
        requestMissing();
    }

    @Override
    public boolean canAddSlots() {
        return true;
    }

    synchronized void containersAllocated(List<Container> allocated) {
        for (Container container : allocated) {
            ContainerRequest request = pending.poll();
            if (request == null || closed) {
                LOG.debug("Returning surplus container {}", container.getId());
                resourceManager.releaseAssignedContainer(container.getId());
                continue;
            }
            resourceManager.removeContainerRequest(request);
            containers.put(container.getId(), container.getNodeId());
            LOG.info("Container {} allocated on {}: starting a TaskExecutor", container.getId(), container.getNodeId());
            nodeManagers.startContainerAsync(container, launchContext);
        }
    }

    synchronized void containersCompleted(List<ContainerStatus> statuses) {
        for (ContainerStatus status : statuses) {
            if (containers.remove(status.getContainerId()) == null) {
                continue;
            }
            LOG.warn("Container {} lost: exit code {}{}", status.getContainerId(), status.getExitStatus(),
                    status.getDiagnostics().isBlank() ? "" : " (" + status.getDiagnostics().strip() + ")");
            recordFailure();
        }
        requestMissing();
    }

    synchronized void containerStartFailed(ContainerId id, Throwable t) {
        if (containers.remove(id) != null) {
            LOG.warn("Container {} could not be started: {}", id, t.toString());
            resourceManager.releaseAssignedContainer(id);
            recordFailure();
            requestMissing();
        }
    }

    private void recordFailure() {
        long now = System.nanoTime();
        failureTimes.add(now);
        while (!failureTimes.isEmpty() && now - failureTimes.peekFirst() > failureInterval.toNanos()) {
            failureTimes.removeFirst();
        }
        if (failureTimes.size() > maxFailures) {
            closed = true;
            fatalError.accept(failureTimes.size() + " TaskExecutor containers failed within "
                    + failureInterval.toSeconds() + " s (yarn.taskmanager.max-failed-containers = " + maxFailures + ")");
        }
    }

    /** Number of TaskExecutor containers running or adopted. */
    public synchronized int containerCount() {
        return containers.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (ContainerRequest request : pending) {
            resourceManager.removeContainerRequest(request);
        }
        pending.clear();
        nodeManagers.stop();
    }

    private static ContainerId parse(String resourceId) {
        if (resourceId == null || resourceId.isBlank()) {
            return null;
        }
        try {
            return ContainerId.fromString(resourceId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Routes NodeManager callbacks to the driver. */
    final class NodeManagerCallbacks extends NMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainerStarted(ContainerId containerId, Map<String, ByteBuffer> allServiceResponse) {
            LOG.debug("Container {} started", containerId);
        }

        @Override
        public void onContainerStatusReceived(ContainerId containerId, ContainerStatus containerStatus) {}

        @Override
        public void onContainerStopped(ContainerId containerId) {}

        @Override
        public void onStartContainerError(ContainerId containerId, Throwable t) {
            containerStartFailed(containerId, t);
        }

        @Override
        public void onContainerResourceIncreased(ContainerId containerId, Resource resource) {}

        @Override
        public void onContainerResourceUpdated(ContainerId containerId, Resource resource) {}

        @Override
        public void onGetContainerStatusError(ContainerId containerId, Throwable t) {}

        @Override
        public void onIncreaseContainerResourceError(ContainerId containerId, Throwable t) {}

        @Override
        public void onUpdateContainerResourceError(ContainerId containerId, Throwable t) {}

        @Override
        public void onStopContainerError(ContainerId containerId, Throwable t) {}
    }
}
