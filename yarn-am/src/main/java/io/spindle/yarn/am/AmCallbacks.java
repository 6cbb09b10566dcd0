package io.spindle.yarn.am;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the callbacks of YARN's asynchronous clients: container allocations, completions and
 * start failures go to the {@link YarnResourceDriver} once it is {@link #attach attached} (before
 * that the AM has requested no container); a shutdown request of the ResourceManager ends the
 * application, a failure to talk to it ends this attempt ({@link AttemptOutcome}).
 *
 * <p>Thread-safe: YARN calls it from its callback threads.
 */
final class AmCallbacks extends AMRMClientAsync.AbstractCallbackHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AmCallbacks.class);

    private final CompletableFuture<AttemptOutcome> outcome;
    private final NodeManagerCallbacks nodeManagerCallbacks = new NodeManagerCallbacks();
    private volatile YarnResourceDriver driver;

    /** @param outcome completed when YARN ends the attempt or the application */
    AmCallbacks(CompletableFuture<AttemptOutcome> outcome) {
        this.outcome = outcome;
    }

    /** From now on container events go to {@code driver}. */
    void attach(YarnResourceDriver driver) {
        this.driver = driver;
    }

    /** Hands a container event to the driver; before {@link #attach} there is none and the event is dropped. */
    private void toDriver(Consumer<YarnResourceDriver> event) {
        YarnResourceDriver d = driver;
        if (d != null) {
            event.accept(d);
        }
    }

    /** @return the callbacks for the NodeManager client */
    NMClientAsync.AbstractCallbackHandler nodeManagerCallbacks() {
        return nodeManagerCallbacks;
    }

    @Override
    public void onContainersCompleted(List<ContainerStatus> statuses) {
        toDriver(d -> d.containersCompleted(statuses));
    }

    @Override
    public void onContainersAllocated(List<Container> containers) {
        toDriver(d -> d.containersAllocated(containers));
    }

    @Override
    public void onContainersUpdated(List<UpdatedContainer> containers) {}

    @Override
    public void onShutdownRequest() {
        outcome.complete(AttemptOutcome.failed("the ResourceManager asked the ApplicationMaster to shut down"));
    }

    @Override
    public void onNodesUpdated(List<NodeReport> updatedNodes) {}

    @Override
    public float getProgress() {
        return 0.5f;
    }

    @Override
    public void onError(Throwable e) {
        // Not a reason to fail the application for good: the next attempt may do better.
        outcome.complete(new AttemptOutcome.RetryAttempt("ResourceManager communication failed: " + e));
    }

    /** NodeManager callbacks: starts and start failures matter to the driver. */
    private final class NodeManagerCallbacks extends NMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainerStarted(ContainerId containerId, Map<String, ByteBuffer> allServiceResponse) {
            LOG.debug("Container {} started", containerId);
            toDriver(d -> d.containerStarted(containerId));
        }

        @Override
        public void onContainerStatusReceived(ContainerId containerId, ContainerStatus containerStatus) {}

        @Override
        public void onContainerStopped(ContainerId containerId) {}

        @Override
        public void onStartContainerError(ContainerId containerId, Throwable t) {
            toDriver(d -> d.containerStartFailed(containerId, t));
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
