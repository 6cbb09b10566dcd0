package io.spindle.testing;

import java.util.Objects;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Clusters shared by every test class that registers the same extension instance
 * ({@link SpindleClusterBuilder#sharedAcrossClasses}): the first class to run starts them, and they
 * stop when the whole test run ends, as a resource of JUnit's root context. A failed start leaves
 * nothing running, and the next class tries again. Thread-safe: start and stop are synchronized.
 */
final class SharedClusters extends ClusterLifecycle {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedClusters.class);

    private final String name;

    SharedClusters(ClusterSettings settings, String name) {
        super(settings);
        this.name = forkLocal(Objects.requireNonNull(name, "name"));
    }

    /**
     * The name of the shared clusters in this JVM: test JVMs that surefire runs at once (forks,
     * numbered in {@code spindle.test.fork}) each share clusters of their own, in a folder of their own.
     */
    private static String forkLocal(String name) {
        String fork = System.getProperty("spindle.test.fork", "");
        return fork.isBlank() ? name : name + "-fork" + fork;
    }

    /** Starts the shared clusters unless they run, and has JUnit stop them when the test run ends. */
    @Override
    synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (running() != null) {
            return;
        }
        start(name);
        context.getRoot().getStore(NAMESPACE).put("shared-" + name,
                (ExtensionContext.Store.CloseableResource) this::stopAtEndOfRun);
    }

    /** Nothing: the clusters stop when the test run ends. */
    @Override
    void afterAll(ExtensionContext context) {
    }

    private synchronized void stopAtEndOfRun() throws Exception {
        stop("Shared test clusters " + name);
    }
}
