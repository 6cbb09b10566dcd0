package io.spindle.minicluster;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.auth.ProviderRegistry;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server in this JVM on {@code 127.0.0.1}, with its transaction log and
 * snapshots under a folder ({@code log/} and {@code snapshot/}).
 *
 * <p>Built on {@link ZooKeeperServer} directly: it writes no configuration file, copies nothing
 * into system properties and starts no admin server. A failure to start is an exception (a taken
 * port is a {@link java.net.BindException}); ZooKeeper's own requests to exit the JVM are made
 * log-only (see {@link ZooKeeperExits}). Authentication providers and a SASL login are taken from
 * the system properties set when the server starts, as a ZooKeeper started from the command line
 * would.
 *
 * <p>{@link #stop()} and {@link #restart()} stop and start the server on the same port with the
 * same data, so clients reconnect and sessions that had not yet expired survive; {@link #close()}
 * stops it for good and keeps the folder (the caller owns it).
 *
 * <p>Thread safety: all methods are synchronized and may be called from any thread.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    private final Path dataDir;
    private final ZooKeeperSettings settings;
    private int port;
    private Running running;
    private boolean closed;

    private EmbeddedZooKeeper(Path dataDir, int port, ZooKeeperSettings settings) {
        this.dataDir = dataDir;
        this.port = port;
        this.settings = settings;
    }

    /**
     * Starts a server.
     *
     * @param dataDir  folder for its data, created if missing
     * @param port     client port; 0 picks a free one (kept for {@link #restart()})
     * @param settings tick, session bounds and connection limit
     * @return the running server
     * @throws java.net.BindException if the port is taken
     * @throws IOException            on any other start failure (the half-started server is stopped)
     */
    public static EmbeddedZooKeeper start(Path dataDir, int port, ZooKeeperSettings settings) throws IOException {
        EmbeddedZooKeeper server = new EmbeddedZooKeeper(dataDir, port, settings);
        synchronized (server) {
            server.startServer();
        }
        return server;
    }

    /** Starts a server on a free port with the {@linkplain ZooKeeperSettings#defaults() default settings}. */
    public static EmbeddedZooKeeper start(Path dataDir) throws IOException {
        return start(dataDir, 0, ZooKeeperSettings.defaults());
    }

    /** {@code 127.0.0.1:<port>}, also while stopped. */
    public synchronized String connectString() {
        return "127.0.0.1:" + port;
    }

    /** The client port: the one bound at the first start. */
    public synchronized int port() {
        return port;
    }

    /** The folder holding the server's data. */
    public Path dataDir() {
        return dataDir;
    }

    /** True between a start and the next {@link #stop()} or {@link #close()}. */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /** Stops the server, keeping its port and data for {@link #restart()}; does nothing if stopped. */
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
            LOG.info("ZooKeeper at {} stopped", connectString());
        }
    }

    /**
     * Stops the server if it runs and starts it again on the same port with the same data.
     *
     * @throws IllegalStateException if closed
     * @throws IOException           if it cannot start (for example, the port was taken meanwhile)
     */
    public synchronized void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException("ZooKeeper at " + connectString() + " is closed");
        }
        stop();
        startServer();
    }

    /** Stops the server for good; idempotent. The data folder stays. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    private void startServer() throws IOException {
        ZooKeeperExits.logOnly();
        ProviderRegistry.initialize();
        Files.createDirectories(dataDir);
        running = Running.start(dataDir, port, settings);
        port = running.connections().getLocalPort();
        LOG.info("ZooKeeper started at {}, data in {}", connectString(), dataDir);
    }

    /**
     * One start of the server: its connections, the server and its log; the first two are null in
     * a start that failed before creating them.
     */
    private record Running(ServerCnxnFactory connections, ZooKeeperServer server, FileTxnSnapLog txnLog) {

        static Running start(Path dataDir, int port, ZooKeeperSettings settings) throws IOException {
            FileTxnSnapLog txnLog = new FileTxnSnapLog(dataDir.resolve("log").toFile(),
                    dataDir.resolve("snapshot").toFile());
            ZooKeeperServer server = null;
            ServerCnxnFactory connections = null;
            try {
                server = new ZooKeeperServer(txnLog, settings.tickTimeMs(), "");
                server.setMinSessionTimeout(settings.minSessionTimeoutMs());
                server.setMaxSessionTimeout(settings.maxSessionTimeoutMs());
                connections = ServerCnxnFactory.createFactory(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        settings.maxClientConnections());
                connections.startup(server);
                return new Running(connections, server, txnLog);
            } catch (IOException | RuntimeException | LinkageError e) {
                new Running(connections, server, txnLog).stopQuietly(e);
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException io = new InterruptedIOException("interrupted while starting ZooKeeper");
                io.initCause(e);
                new Running(connections, server, txnLog).stopQuietly(io);
                throw io;
            }
        }

        void stop() {
            stopQuietly(null);
        }

        private void stopQuietly(Throwable failure) {
            try {
                if (connections != null) {
                    connections.shutdown(); // shuts the server down too
                }
                if (server != null && server.isRunning()) {
                    server.shutdown(true);
                }
                txnLog.close();
            } catch (IOException | RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
                LOG.warn("Stopping ZooKeeper failed: {}", e.toString());
            }
        }
    }
}
