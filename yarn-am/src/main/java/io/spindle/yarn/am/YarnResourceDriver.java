package io.spindle.yarn.am;

import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.runtime.jobmanager.StartupTimeline;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The YARN resource driver: asks the ResourceManager for TaskExecutor containers until the
 * JobManager's jobs have the slots they need, starts a TaskExecutor in each, replaces containers
 * that end, and adopts the containers an earlier attempt left running (their TaskExecutors
 * re-register with the new leader by themselves). Completions of containers it does not know (ones
 * it released itself, surplus ones it returned) are ignored.
 *
 * <p>When containers keep failing faster than its {@link ContainerFailureRate} allows, it stops
 * requesting containers and reports a fatal error (once) instead of replacing them forever. Which
 * ends count as failures is {@link ContainerEnd}'s decision; failed container starts count too.
 * The same failures count per node: a NodeManager on which containers keep failing is excluded
 * from its requests for a while ({@link NodeExclusion}), and listed by {@link #excludedNodes}.
 *
 * <p>Thread-safe: the JobManager calls it from its main thread, YARN from its callback threads
 * (through {@link AmCallbacks}); every method holds the driver's lock and none blocks.
 */
public final class YarnResourceDriver implements ResourceDriver {

    private static final Logger LOG = LoggerFactory.getLogger(YarnResourceDriver.class);
    private static final Priority PRIORITY = Priority.newInstance(1);

    private final YarnContainers yarn;
    private final Resource containerResource;
    private final int slotsPerContainer;
    private final ContainerFailureRate failureRate;
    private final NodeExclusion exclusion;
    private final Consumer<String> fatalError;
    private final StartupTimeline timeline;

    private final Map<ContainerId, NodeId> containers = new HashMap<>();
    private final Map<String, String> logPages = new java.util.concurrent.ConcurrentHashMap<>();
    private final Deque<ContainerRequest> pending = new ArrayDeque<>();
    private ContainerLaunchContext launchContext;
    private int wantedContainers;
    private boolean registered;
    private boolean closed;

    /**
     * @param yarn the ResourceManager and NodeManager operations
     * @param containerResource memory and vcores of one TaskExecutor container
     * @param slotsPerContainer slots of one TaskExecutor (at least 1 is assumed)
     * @param failureRate the container failures tolerated
     * @param exclusion when to exclude a node whose containers keep failing
     * @param fatalError told (once) when the application should fail
     * @param timeline records when the first containers were requested, allocated and started
     */
    YarnResourceDriver(YarnContainers yarn, Resource containerResource, int slotsPerContainer,
            ContainerFailureRate failureRate, NodeExclusion exclusion, Consumer<String> fatalError,
            StartupTimeline timeline) {
        this.yarn = yarn;
        this.containerResource = containerResource;
        this.slotsPerContainer = Math.max(1, slotsPerContainer);
        this.failureRate = failureRate;
        this.exclusion = exclusion;
        this.fatalError = fatalError;
        this.timeline = timeline;
    }

    /**
     * The AM is registered with the ResourceManager: containers may be requested now. Containers an
     * earlier attempt started and YARN kept are counted as running.
     *
     * @param previous the containers of earlier attempts, from the registration response
     * @param launchContext how to start a TaskExecutor (built late: listing the staged files is
     *     slow: it runs after the registration, while the election goes on)
     */
    public synchronized void registered(List<Container> previous, ContainerLaunchContext launchContext) {
        this.launchContext = launchContext;
        registered = true;
        for (Container container : previous) {
            containers.put(container.getId(), container.getNodeId());
            logPages.put(container.getId().toString(), ContainerLogPages.of(container));
        }
        if (!previous.isEmpty()) {
            LOG.info("Adopted {} TaskExecutor container(s) of earlier attempts; their TaskExecutors re-register with"
                    + " the new leader", previous.size());
        }
        requestMissing();
    }

    /**
     * Replaces the tokens of the TaskExecutor containers started from now on (after the AM obtained
     * fresh delegation tokens); does nothing before {@link #registered}.
     */
    public synchronized void updateContainerTokens(java.nio.ByteBuffer tokens) {
        if (launchContext == null) {
            return;
        }
        launchContext = ContainerLaunchContext.newInstance(launchContext.getLocalResources(),
                launchContext.getEnvironment(), launchContext.getCommands(), launchContext.getServiceData(), tokens,
                launchContext.getApplicationACLs());
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
        liftExpiredExclusions();
        int missing = wantedContainers - containers.size() - pending.size();
        if (missing <= 0) {
            return;
        }
        LOG.info("Requesting {} TaskExecutor container(s) of {} MB ({} running, {} requested)", missing,
                containerResource.getMemorySize(), containers.size(), pending.size());
        timeline.record(StartupTimeline.CONTAINERS_REQUESTED);
        for (int i = 0; i < missing; i++) {
            ContainerRequest request = new ContainerRequest(containerResource, null, null, PRIORITY);
            pending.add(request);
            yarn.addRequest(request);
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
        yarn.release(id);
        yarn.stop(id, node);
        requestMissing();
    }

    /** The NodeManager's log page of the container, if this driver started or adopted it. */
    @Override
    public java.util.Optional<String> logUrl(String resourceId) {
        return java.util.Optional.ofNullable(logPages.get(resourceId));
    }

    /** The nodes excluded from container requests now, as the ResourceManager names them. */
    @Override
    public synchronized List<String> excludedNodes() {
        liftExpiredExclusions();
        return exclusion.excluded();
    }

    @Override
    public boolean canAddSlots() {
        return true;
    }

    /** The ResourceManager allocated containers: each satisfies one pending request, surplus ones go back. */
    synchronized void containersAllocated(List<Container> allocated) {
        for (Container container : allocated) {
            ContainerRequest request = pending.poll();
            if (request == null || closed) {
                LOG.debug("Returning surplus container {}", container.getId());
                yarn.release(container.getId());
                continue;
            }
            yarn.removeRequest(request);
            containers.put(container.getId(), container.getNodeId());
            logPages.put(container.getId().toString(), ContainerLogPages.of(container));
            timeline.record(StartupTimeline.CONTAINER_ALLOCATED);
            LOG.info("Container {} allocated on {}: starting a TaskExecutor", container.getId(), container.getNodeId());
            yarn.start(container, launchContext);
        }
    }

    /** A NodeManager accepted a container's start: it localizes the files, then runs the TaskExecutor. */
    synchronized void containerStarted(ContainerId id) {
        if (containers.containsKey(id)) {
            timeline.record(StartupTimeline.CONTAINER_STARTED);
        }
    }

    /** Containers ended: known ones are forgotten (and real failures counted), then replaced. */
    synchronized void containersCompleted(List<ContainerStatus> statuses) {
        for (ContainerStatus status : statuses) {
            NodeId node = containers.remove(status.getContainerId());
            if (node == null) {
                continue;
            }
            ContainerEnd end = ContainerEnd.of(status);
            LOG.warn("Container {} lost: exit code {}{}{}", status.getContainerId(), status.getExitStatus(),
                    status.getDiagnostics().isBlank() ? "" : " (" + status.getDiagnostics().strip() + ")",
                    end.countsAsFailure() ? "" : "; not counted as a failure");
            if (end.countsAsFailure()) {
                recordFailure(node);
            }
        }
        requestMissing();
    }

    /** A NodeManager could not start a container: it is given back, counted as a failure and replaced. */
    synchronized void containerStartFailed(ContainerId id, Throwable t) {
        NodeId node = containers.remove(id);
        if (node != null) {
            LOG.warn("Container {} could not be started: {}", id, t.toString());
            yarn.release(id);
            recordFailure(node);
            requestMissing();
        }
    }

    private void recordFailure(NodeId node) {
        if (failureRate.recordAndCheckExceeded() && !closed) {
            closed = true;
            fatalError.accept(failureRate.describeExceeded());
            return;
        }
        exclusion.failed(node).ifPresent(name -> {
            LOG.warn("Excluding node {} from TaskExecutor container requests for {} s: {} containers failed on it"
                    + " within {} s (yarn.node-exclusion.failures)", name, exclusion.expiry().toSeconds(),
                    exclusion.threshold(), exclusion.expiry().toSeconds());
            yarn.updateExclusions(List.of(name), List.of());
        });
    }

    private void liftExpiredExclusions() {
        List<String> lifted = exclusion.liftExpired();
        if (!lifted.isEmpty()) {
            LOG.info("Node(s) {} no longer excluded from TaskExecutor container requests: the exclusion expired", lifted);
            yarn.updateExclusions(List.of(), lifted);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (ContainerRequest request : pending) {
            yarn.removeRequest(request);
        }
        pending.clear();
        yarn.close();
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
}
