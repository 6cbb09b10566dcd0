package io.spindle.minicluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.zookeeper.server.ServerCnxn;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.auth.ProviderRegistry;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeer.QuorumServer;
import org.apache.zookeeper.server.quorum.QuorumPeer.ServerState;
import org.apache.zookeeper.server.quorum.flexible.QuorumMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server of a {@link ZooKeeperEnsemble}: a {@link QuorumPeer} on {@code 127.0.0.1} with a fixed
 * client, quorum and election port and its own data folder. It can be stopped (as a crash of that
 * server would look to its clients and peers) and restarted on the same ports with the same data.
 *
 * <p>Thread safety: all methods are synchronized and may be called from any thread.
 */
public final class EnsembleMember {

    private static final Logger LOG = LoggerFactory.getLogger(EnsembleMember.class);
    private static final int INIT_LIMIT_TICKS = 10;
    private static final int SYNC_LIMIT_TICKS = 5;
    private static final int ELECTION_ALGORITHM = 3; // fast leader election, the only one left
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final long id;
    private final Path dataDir;
    private final Map<Long, QuorumServer> view;
    private final ZooKeeperSettings settings;
    private QuorumPeer peer;
    private ServerCnxnFactory connections;

    EnsembleMember(long id, Path dataDir, Map<Long, QuorumServer> view, ZooKeeperSettings settings) {
        this.id = id;
        this.dataDir = dataDir;
        this.view = Map.copyOf(view);
        this.settings = settings;
    }

    /** The server id ({@code myid}), 1 to the ensemble's size. */
    public long id() {
        return id;
    }

    /** The port clients connect to. */
    public int clientPort() {
        return view.get(id).clientAddr.getPort();
    }

    /** {@code 127.0.0.1:<client port>}: this server alone. */
    public String connectString() {
        return "127.0.0.1:" + clientPort();
    }

    /** True between a start and the next {@link #stop()}. */
    public synchronized boolean isRunning() {
        return peer != null;
    }

    /** True if it runs and is the quorum's leader or a follower serving clients. */
    public synchronized boolean isServing() {
        if (peer == null) {
            return false;
        }
        ServerState state = peer.getPeerState();
        ZooKeeperServer active = peer.getActiveServer();
        return (state == ServerState.LEADING || state == ServerState.FOLLOWING) && active != null && active.isRunning();
    }

    /** True if it runs and is the quorum's leader (serving clients). */
    public synchronized boolean isLeading() {
        return isServing() && peer.getPeerState() == ServerState.LEADING;
    }

    /** True if a client connection of the session {@code sessionId} is open on this server. */
    public synchronized boolean servesSession(long sessionId) {
        if (connections == null) {
            return false;
        }
        for (ServerCnxn connection : connections.getConnections()) {
            if (connection.getSessionId() == sessionId) {
                return true;
            }
        }
        return false;
    }

    /** Starts the server if it is stopped; it joins the quorum in the background. */
    synchronized void start() throws IOException {
        if (peer != null) {
            return;
        }
        ZooKeeperExits.logOnly();
        ProviderRegistry.initialize();
        Files.createDirectories(dataDir);
        ServerCnxnFactory factory = ServerCnxnFactory.createFactory(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort()), settings.maxClientConnections());
        QuorumPeer started = null;
        try {
            started = new QuorumPeer(view, dataDir.toFile(), dataDir.toFile(), ELECTION_ALGORITHM, id,
                    settings.tickTimeMs(), INIT_LIMIT_TICKS, SYNC_LIMIT_TICKS, INIT_LIMIT_TICKS, false, factory,
                    new QuorumMaj(view));
            started.setMinSessionTimeout(settings.minSessionTimeoutMs());
            started.setMaxSessionTimeout(settings.maxSessionTimeoutMs());
            started.start();
        } catch (IOException | RuntimeException | LinkageError e) {
            if (started != null) {
                started.shutdown();
            }
            factory.shutdown();
            throw e;
        }
        peer = started;
        connections = factory;
        LOG.info("ZooKeeper ensemble member {} started at {}, data in {}", id, connectString(), dataDir);
    }

    /** Stops the server, keeping its ports and data for {@link #restart()}; does nothing if stopped. */
    public synchronized void stop() {
        if (peer == null) {
            return;
        }
        QuorumPeer stopping = peer;
        peer = null;
        connections = null;
        stopping.shutdown(); // closes the client connections, the quorum sockets and the database
        try {
            stopping.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            LOG.warn("ZooKeeper ensemble member {} did not stop within {} ms", id, STOP_TIMEOUT_MS);
        } else {
            LOG.info("ZooKeeper ensemble member {} stopped", id);
        }
    }

    /**
     * Stops the server if it runs and starts it again on the same ports with the same data. It
     * rejoins the quorum in the background (it cannot serve while no quorum is up).
     *
     * @throws IOException if it cannot start (for example, its port was taken meanwhile)
     */
    public synchronized void restart() throws IOException {
        stop();
        start();
    }

    @Override
    public String toString() {
        return "member " + id + " at " + connectString();
    }
}
