package io.spindle.bench.ha;

import org.apache.zookeeper.Version;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ZooKeeper that {@code spindle ha bench} measures against: either a standalone server it
 * runs in its own JVM, or a quorum that the user named.
 *
 * <p>The embedded server is a real {@link ZooKeeperServer} on the loopback interface with a free
 * port, its transaction log and snapshots under a given folder, and the server's default
 * durability: every transaction is fsynced to the log before it is acknowledged (unless the JVM
 * was started with {@code -Dzookeeper.forceSync=no}, which {@link #description()} then says).
 * Unlike {@code ZooKeeperServerEmbedded} it sets no JVM-wide system properties and never exits
 * the JVM. The server accepts session timeouts from 2 to 2,000 ticks.
 *
 * <p>Closing stops the embedded server; it does not delete its folder (the caller owns it).
 * Closing an external quorum does nothing. Thread-safe.
 */
public final class BenchZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchZooKeeper.class);

    private final String connectString;
    private final String description;
    private final ServerCnxnFactory connections;
    private final ZooKeeperServer server;
    private final FileTxnSnapLog log;

    private BenchZooKeeper(String connectString, String description, ServerCnxnFactory connections,
                           ZooKeeperServer server, FileTxnSnapLog log) {
        this.connectString = connectString;
        this.description = description;
        this.connections = connections;
        this.server = server;
        this.log = log;
    }

    /**
     * Starts a standalone server on {@code 127.0.0.1} with a free port.
     *
     * @param dataDir    folder for the transaction log and snapshots; created if missing
     * @param tickTimeMs the server's tick: sessions expire on tick boundaries
     * @return the running server
     * @throws IOException if the server could not start
     */
    public static BenchZooKeeper startEmbedded(Path dataDir, int tickTimeMs) throws IOException {
        Files.createDirectories(dataDir);
        FileTxnSnapLog txnLog = new FileTxnSnapLog(dataDir.resolve("log").toFile(), dataDir.resolve("snapshot").toFile());
        ServerCnxnFactory factory = null;
        ZooKeeperServer zk = null;
        try {
            zk = new ZooKeeperServer(txnLog, tickTimeMs, "");
            zk.setMinSessionTimeout(2 * tickTimeMs);
            zk.setMaxSessionTimeout(2_000 * tickTimeMs);
            factory = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_000);
            factory.startup(zk);
        } catch (IOException | RuntimeException e) {
            stopQuietly(factory, zk, txnLog, e);
            throw e;
        } catch (LinkageError e) {
            // A missing server class (e.g. io.dropwizard.metrics): stop the half-started threads.
            IOException io = new IOException("The embedded ZooKeeper server cannot start: " + e, e);
            stopQuietly(factory, zk, txnLog, io);
            throw io;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IOException io = new IOException("Interrupted while starting the embedded ZooKeeper server", e);
            stopQuietly(factory, zk, txnLog, io);
            throw io;
        }
        String connect = "127.0.0.1:" + factory.getLocalPort();
        boolean fsync = !"no".equalsIgnoreCase(System.getProperty("zookeeper.forceSync", "yes"));
        String text = "embedded standalone server " + Version.getFullVersion().split("[ ,-]")[0] + " at " + connect
                + ", fsync " + (fsync ? "on" : "OFF (-Dzookeeper.forceSync=no)") + ", tickTime " + tickTimeMs
                + " ms, data in " + dataDir;
        LOG.info("Started ZooKeeper for the HA bench: {}", text);
        return new BenchZooKeeper(connect, text, factory, zk, txnLog);
    }

    /**
     * @param quorum the servers, {@code host:port,...}
     * @return a handle on a quorum that runs elsewhere
     */
    public static BenchZooKeeper external(String quorum) {
        return new BenchZooKeeper(quorum, "given quorum " + quorum, null, null, null);
    }

    /** @return the connect string for clients */
    public String connectString() {
        return connectString;
    }

    /** @return one line saying which ZooKeeper this is and how it stores data */
    public String description() {
        return description;
    }

    /** @return true if this JVM runs the server */
    public boolean isEmbedded() {
        return server != null;
    }

    /** Stops the embedded server; does nothing for an external quorum. */
    @Override
    public void close() {
        if (server != null) {
            stopQuietly(connections, server, log, null);
            LOG.info("Stopped the embedded ZooKeeper at {}", connectString);
        }
    }

    private static void stopQuietly(ServerCnxnFactory factory, ZooKeeperServer zk, FileTxnSnapLog txnLog, Throwable failure) {
        try {
            if (factory != null) {
                factory.shutdown(); // also shuts the server down
            }
            if (zk != null && zk.isRunning()) {
                zk.shutdown(true);
            }
            if (txnLog != null) {
                txnLog.close();
            }
        } catch (IOException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
            LOG.warn("Stopping the embedded ZooKeeper failed: {}", e.toString());
        }
    }
}
