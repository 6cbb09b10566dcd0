package io.spindle.testing;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the clusters of a {@link SpindleClusterExtension} start and stop: for one test class and its
 * {@code @Nested} classes ({@link PerClassClusters}), or once for all classes that register the
 * instance, until the test run ends ({@link SharedClusters}). Holds the {@link RunningClusters}.
 *
 * <p>JUnit calls {@link #beforeAll} and {@link #afterAll} from one thread; {@link #running()} and
 * {@link #workDir()} may be read from any thread.
 */
abstract class ClusterLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SpindleClusterExtension.class);

    private final ClusterSettings settings;
    private volatile Path workDir;
    private volatile RunningClusters running;

    ClusterLifecycle(ClusterSettings settings) {
        this.settings = settings;
    }

    /** The lifecycle of one class, or, with a {@code sharedName}, the one shared by the classes that register it. */
    static ClusterLifecycle of(ClusterSettings settings, String sharedName) {
        return sharedName == null ? new PerClassClusters(settings) : new SharedClusters(settings, sharedName);
    }

    /** Starts the clusters if this class is the one to start them. */
    abstract void beforeAll(ExtensionContext context) throws Exception;

    /** Stops the clusters if this class is the last to use them. */
    abstract void afterAll(ExtensionContext context) throws Exception;

    /** The running clusters, or null before the start and after the stop. */
    final RunningClusters running() {
        return running;
    }

    /** The work directory of the last start, or null before the first. */
    final Path workDir() {
        return workDir;
    }

    /**
     * Starts the clusters in the work directory {@code name} (see {@link WorkDirs}); a failure
     * leaves nothing running.
     */
    final void start(String name) throws Exception {
        long startNanos = System.nanoTime();
        workDir = WorkDirs.prepare(name);
        running = RunningClusters.start(settings, workDir);
        LOG.info("Test clusters for {} started in {} ms: {}workDir={}", name, millisSince(startNanos),
                running.describe(), workDir);
    }

    /**
     * Stops the running clusters, if any; logs {@code what} and the time it took.
     *
     * @throws Exception the first stop failure, the others suppressed into it
     */
    final void stop(String what) throws Exception {
        long startNanos = System.nanoTime();
        RunningClusters r = running;
        running = null;
        Exception failure = r == null ? null : r.close();
        LOG.info("{} stopped in {} ms", what, millisSince(startNanos));
        if (failure != null) {
            throw failure;
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
