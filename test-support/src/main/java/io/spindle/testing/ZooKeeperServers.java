package io.spindle.testing;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.curator.test.TestingZooKeeperServer;
import org.apache.zookeeper.util.ServiceUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts curator-test ZooKeeper servers so that a failure to start is an exception, never a
 * {@code System.exit} of the test JVM.
 *
 * <p>Curator 5.9 runs each server through ZooKeeper's {@code ZooKeeperServerEmbedded} with the
 * default exit handler, which calls {@code System.exit} when the server thread fails (a port
 * taken between being chosen and bound, for example) and which copies the server configuration
 * into JVM-wide system properties. Curator still ships the older in-process runners
 * ({@code TestingZooKeeperMain}, {@code TestingQuorumPeerMain}); they report a start failure as
 * {@code FailedServerStartException} and touch no system properties. This class switches Curator
 * to those runners (one package-private flag, set once by reflection) and makes ZooKeeper's own
 * remaining exit requests ({@link ServiceUtils#requestSystemExit}) log-only. If a later Curator
 * drops the flag, the switch is skipped with a warning and Curator's default applies.
 *
 * <p>Thread safety: {@link #prepare()} is idempotent and synchronized; the factory methods may be
 * called from any thread.
 */
final class ZooKeeperServers {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperServers.class);
    private static boolean prepared;

    private ZooKeeperServers() {
    }

    /** Makes ZooKeeper start failures exceptions and disables the admin server; idempotent. */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        // Several servers in one JVM would all try port 8080 for the admin server.
        if (System.getProperty("zookeeper.admin.enableServer") == null) {
            System.setProperty("zookeeper.admin.enableServer", "false");
        }
        try {
            Field embedded = TestingZooKeeperServer.class.getDeclaredField("hasZooKeeperServerEmbedded");
            embedded.setAccessible(true);
            embedded.setBoolean(null, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not switch curator-test to its in-process ZooKeeper runners; a failed "
                    + "ZooKeeper start may exit the JVM: {}", e.toString());
        }
        ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
        // The in-process runner waits up to 10 s x this multiple (default 5) for a server that
        // failed to start before it reports the failure; 10 s is plenty for a healthy start.
        if (System.getProperty("timing-waiting-multiple") == null) {
            System.setProperty("timing-waiting-multiple", "1");
        }
    }

    /** Starts one standalone server with its data under {@code dataDir}. */
    static TestingServer startServer(Path dataDir, int tickTimeMs, Map<String, Object> properties)
            throws Exception {
        prepare();
        InstanceSpec spec = spec(dataDir.toFile(), tickTimeMs, properties);
        return new TestingServer(spec, true);
    }

    /** Starts an ensemble of {@code size} servers with their data under {@code baseDir/zk-N}. */
    static TestingCluster startEnsemble(Path baseDir, int size, int tickTimeMs,
            Map<String, Object> properties) throws Exception {
        prepare();
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            specs.add(spec(baseDir.resolve("zk-" + i).toFile(), tickTimeMs, properties));
        }
        TestingCluster cluster = new Ensemble(specs);
        try {
            cluster.start();
        } catch (Exception | Error e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return cluster;
    }

    /**
     * A {@link TestingCluster} whose servers keep their client ports across restarts.
     *
     * <p>Curator's in-process quorum runner can report a server's client port as -1 when asked
     * right after start (its {@code QuorumPeer} exists before its connection factory does), and
     * Curator then restarts that server on port -1. Every server here has a fixed port from its
     * {@link InstanceSpec}, so after each start and restart the remembered port is set back to it.
     * Restart servers through {@link #restartServer}, not through {@link #getServers()}.
     */
    static final class Ensemble extends TestingCluster {

        Ensemble(List<InstanceSpec> specs) {
            super(specs);
        }

        @Override
        public void start() throws Exception {
            try {
                super.start();
            } finally {
                pinPorts();
            }
        }

        @Override
        public boolean restartServer(InstanceSpec instance) throws Exception {
            pinPorts();
            try {
                return super.restartServer(instance);
            } finally {
                pinPorts();
            }
        }

        private void pinPorts() {
            for (TestingZooKeeperServer server : getServers()) {
                pinPort(server);
            }
        }
    }

    private static void pinPort(TestingZooKeeperServer server) {
        try {
            Field port = TestingZooKeeperServer.class.getDeclaredField("thisInstancePort");
            port.setAccessible(true);
            port.setInt(server, server.getInstanceSpec().getPort());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot pin the port of {}", server.getInstanceSpec(), e);
        }
    }

    private static InstanceSpec spec(File dataDir, int tickTimeMs, Map<String, Object> properties) {
        if (!dataDir.mkdirs() && !dataDir.isDirectory()) {
            throw new IllegalStateException("cannot create " + dataDir);
        }
        // port/election/quorum -1: Curator picks free ports; server id -1: Curator numbers them.
        return new InstanceSpec(dataDir, -1, -1, -1, true, -1, tickTimeMs, -1, properties, "127.0.0.1");
    }
}
