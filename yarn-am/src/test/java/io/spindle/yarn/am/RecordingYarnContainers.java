package io.spindle.yarn.am;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;

/**
 * A {@link YarnContainers} that records what the driver asks of YARN and keeps the set of open
 * requests the way the AM-RM client does. Not thread-safe: one test thread.
 */
final class RecordingYarnContainers implements YarnContainers {

    final List<ContainerRequest> openRequests = new ArrayList<>();
    final List<ContainerId> released = new ArrayList<>();
    final List<ContainerId> started = new ArrayList<>();
    final List<ContainerLaunchContext> launchContexts = new ArrayList<>();
    final List<ContainerId> stopped = new ArrayList<>();
    final List<String> excluded = new ArrayList<>();
    int requestsMade;
    boolean closed;

    @Override
    public void addRequest(ContainerRequest request) {
        openRequests.add(request);
        requestsMade++;
    }

    @Override
    public void removeRequest(ContainerRequest request) {
        if (!openRequests.remove(request)) {
            throw new AssertionError("removing a request that is not open: " + request);
        }
    }

    @Override
    public void release(ContainerId container) {
        released.add(container);
    }

    @Override
    public void start(Container container, ContainerLaunchContext launchContext) {
        started.add(container.getId());
        launchContexts.add(launchContext);
    }

    @Override
    public void updateExclusions(List<String> additions, List<String> removals) {
        excluded.removeAll(removals);
        excluded.addAll(additions);
    }

    @Override
    public void stop(ContainerId container, NodeId node) {
        stopped.add(container);
    }

    @Override
    public void close() {
        closed = true;
    }
}
