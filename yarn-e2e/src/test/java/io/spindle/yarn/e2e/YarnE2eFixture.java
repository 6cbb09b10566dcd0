package io.spindle.yarn.e2e;

import io.spindle.examples.counting.CountingJob;
import io.spindle.testing.ClassJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an end-to-end test class on {@link YarnE2eCluster#CLUSTER} sets up for itself: a ZooKeeper
 * client in the root namespace and the examples jar, both made on first use and kept for the class
 * (the client is closed after it), and the applications its tests started, ended after each test
 * ({@link YarnE2eCluster#endApplications}; after the test's own {@code @AfterEach} methods, so one
 * that restarts ZooKeeper runs first).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;
 * @RegisterExtension
 * static final YarnE2eFixture E2E = new YarnE2eFixture();
 * }</pre>
 *
 * <p>Use it between the cluster's start and stop (in tests and {@code @BeforeAll}/{@code @AfterAll}
 * methods). Not thread-safe: JUnit and the test drive it from one thread.
 */
final class YarnE2eFixture implements AfterEachCallback, AfterAllCallback {

    private final List<ApplicationId> started = new ArrayList<>();
    private CuratorFramework zk;
    private Path jar;

    /** A started ZooKeeper client of the cluster's ZooKeeper, in the root namespace; do not close it. */
    CuratorFramework zk() {
        if (zk == null) {
            zk = CuratorFrameworkFactory.newClient(YarnE2eCluster.CLUSTER.zooKeeperConnectString(), new RetryOneTime(100));
            zk.start();
        }
        return zk;
    }

    /** The examples jar (holding {@link CountingJob}), in the cluster's work directory. */
    Path jar() throws java.io.IOException {
        if (jar == null) {
            jar = ClassJars.jarContaining(CountingJob.class, YarnE2eCluster.CLUSTER.workDir());
        }
        return jar;
    }

    /** Has the application ended after the current test; returns it. */
    ApplicationId started(ApplicationId app) {
        started.add(app);
        return app;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            YarnE2eCluster.endApplications(YarnE2eCluster.CLUSTER, started);
        } finally {
            started.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (zk != null) {
            zk.close();
            zk = null;
        }
    }
}
