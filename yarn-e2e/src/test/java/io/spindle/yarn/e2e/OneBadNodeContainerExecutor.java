package io.spindle.yarn.e2e;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.yarn.exceptions.ConfigurationException;
import org.apache.hadoop.yarn.security.ContainerTokenIdentifier;
import org.apache.hadoop.yarn.server.api.ContainerType;
import org.apache.hadoop.yarn.server.nodemanager.DefaultContainerExecutor;
import org.apache.hadoop.yarn.server.nodemanager.executor.ContainerStartContext;

/**
 * A NodeManager container executor for tests in which one node is broken: the first NodeManager
 * that is asked to launch a container other than an ApplicationMaster becomes {@link #badNode()},
 * and every such container it is asked to launch from then on exits with status 1 at once, without
 * starting a process, as a container whose JVM cannot start does. Every other container is launched
 * as {@link DefaultContainerExecutor} launches it.
 *
 * <p>Each NodeManager of a MiniYARNCluster makes its own executor from the shared configuration
 * ({@code yarn.nodemanager.container-executor.class}), so nothing but the container tells an
 * executor which node it serves: the container token names the NodeManager
 * ({@link ContainerTokenIdentifier#getNmHostAddress()}, {@code host:port}) and the container type.
 * Picking the bad node at the first TaskExecutor container makes the test independent of where the
 * scheduler puts the AM and the first containers. The choice is JVM-wide: {@link #reset()} it
 * before each cluster. Thread-safe.
 */
public class OneBadNodeContainerExecutor extends DefaultContainerExecutor {

    /** The exit status of a container the bad node refuses to start. */
    static final int EXIT_STATUS = 1;

    private static final AtomicReference<String> BAD_NODE = new AtomicReference<>();

    /** Forgets the bad node: the next node to launch a non-AM container becomes it. */
    static void reset() {
        BAD_NODE.set(null);
    }

    /** @return the bad node as {@code host:port}, or null before any non-AM container was launched */
    static String badNode() {
        return BAD_NODE.get();
    }

    @Override
    public int launchContainer(ContainerStartContext ctx) throws IOException, ConfigurationException {
        ContainerTokenIdentifier token = ctx.getContainer().getContainerTokenIdentifier();
        if (token.getContainerType() != ContainerType.APPLICATION_MASTER) {
            BAD_NODE.compareAndSet(null, token.getNmHostAddress());
            if (token.getNmHostAddress().equals(BAD_NODE.get())) {
                return EXIT_STATUS;
            }
        }
        return super.launchContainer(ctx);
    }
}
