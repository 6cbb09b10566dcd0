package io.spindle.localcluster;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server on {@code 127.0.0.1}, its transaction log and snapshots in a
 * folder. Built from {@link ZooKeeperServer} directly, so it sets no JVM-wide system properties,
 * starts no admin server and never exits the JVM. Tick 500 ms; sessions of 1 s to 60 s are
 * accepted, so demos can use short session timeouts.
 *
 * <p>Thread safety: {@link #close()} may be called from any thread, more than once.
 */
final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final int TICK_MS = 500;

    private final ServerCnxnFactory connections;
    private final ZooKeeperServer server;
    private final FileTxnSnapLog txnLog;
    private boolean closed;

    private EmbeddedZooKeeper(ServerCnxnFactory connections, ZooKeeperServer server, FileTxnSnapLog txnLog) {
        this.connections = connections;
        this.server = server;
        this.txnLog = txnLog;
    }

    /**
     * Starts the server.
     *
     * @param dataDir folder for its data, created if missing
     * @param port    client port; 0 picks a free one
     * @throws LocalClusterException if the port is taken
     * @throws IOException           on other start failures
     */
    static EmbeddedZooKeeper start(Path dataDir, int port) throws IOException, LocalClusterException {
        Files.createDirectories(dataDir);
        FileTxnSnapLog txnLog = new FileTxnSnapLog(dataDir.resolve("log").toFile(), dataDir.resolve("snapshot").toFile());
        ServerCnxnFactory factory = null;
        ZooKeeperServer zk = null;
        try {
            zk = new ZooKeeperServer(txnLog, TICK_MS, "");
            zk.setMinSessionTimeout(2 * TICK_MS);
            zk.setMaxSessionTimeout(120 * TICK_MS);
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            factory.startup(zk);
        } catch (BindException e) {
            new EmbeddedZooKeeper(factory, zk, txnLog).close();
            throw new LocalClusterException("port " + port + " for ZooKeeper is in use", e);
        } catch (IOException | RuntimeException e) {
            new EmbeddedZooKeeper(factory, zk, txnLog).close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            new EmbeddedZooKeeper(factory, zk, txnLog).close();
            throw new IOException("interrupted while starting ZooKeeper", e);
        }
        EmbeddedZooKeeper started = new EmbeddedZooKeeper(factory, zk, txnLog);
        LOG.info("ZooKeeper started at {}, data in {}", started.connectString(), dataDir);
        return started;
    }

    /** {@code 127.0.0.1:<port>}. */
    String connectString() {
        return "127.0.0.1:" + port();
    }

    /** The client port the server listens on. */
    int port() {
        return connections.getLocalPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (connections != null) {
                connections.shutdown(); // shuts the server down too
            }
            if (server != null && server.isRunning()) {
                server.shutdown(true);
            }
            txnLog.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Stopping ZooKeeper failed: {}", e.toString());
        }
    }
}
