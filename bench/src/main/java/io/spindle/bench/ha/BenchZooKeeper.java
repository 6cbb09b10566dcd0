package io.spindle.bench.ha;

import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.ZooKeeperSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.zookeeper.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper that {@code spindle ha bench} measures against: either a standalone server it
 * runs in its own JVM, or a quorum that the user named.
 *
 * <p>The embedded server is mini-cluster's {@link EmbeddedZooKeeper} on a free loopback port with
 * the server's default durability: every transaction is fsynced to the log before it is
 * acknowledged (unless the JVM was started with {@code -Dzookeeper.forceSync=no}, which
 * {@link #description()} then says). It accepts session timeouts from 2 to 2,000 ticks and up to
 * 1,000 connections per client address.
 *
 * <p>Closing stops the embedded server; it does not delete its folder (the caller owns it).
 * Closing an external quorum does nothing. Thread-safe.
 */
public final class BenchZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchZooKeeper.class);

    private final String connectString;
    private final String description;
    private final EmbeddedZooKeeper server;

    private BenchZooKeeper(String connectString, String description, EmbeddedZooKeeper server) {
        this.connectString = connectString;
        this.description = description;
        this.server = server;
    }

    /**
     * Starts a standalone server on {@code 127.0.0.1} with a free port.
     *
     * @param dataDir    folder for the transaction log and snapshots; created if missing
     * @param tickTimeMs the server's tick: sessions expire on tick boundaries
     * @return the running server
     * @throws IOException if the server could not start, also for a missing server class
     */
    public static BenchZooKeeper startEmbedded(Path dataDir, int tickTimeMs) throws IOException {
        Duration tick = Duration.ofMillis(tickTimeMs);
        EmbeddedZooKeeper server;
        try {
            server = EmbeddedZooKeeper.start(dataDir, 0, ZooKeeperSettings.defaults()
                    .withTickTime(tick)
                    .withSessionTimeouts(tick.multipliedBy(2), tick.multipliedBy(2_000))
                    .withMaxClientConnections(1_000));
        } catch (LinkageError e) {
            // A missing server class (e.g. io.dropwizard.metrics); the half-started server is stopped.
            throw new IOException("The embedded ZooKeeper server cannot start: " + e, e);
        }
        String connect = server.connectString();
        boolean fsync = !"no".equalsIgnoreCase(System.getProperty("zookeeper.forceSync", "yes"));
        String text = "embedded standalone server " + Version.getFullVersion().split("[ ,-]")[0] + " at " + connect
                + ", fsync " + (fsync ? "on" : "OFF (-Dzookeeper.forceSync=no)") + ", tickTime " + tickTimeMs
                + " ms, data in " + dataDir;
        LOG.info("Started ZooKeeper for the HA bench: {}", text);
        return new BenchZooKeeper(connect, text, server);
    }

    /**
     * @param quorum the servers, {@code host:port,...}
     * @return a handle on a quorum that runs elsewhere
     */
    public static BenchZooKeeper external(String quorum) {
        return new BenchZooKeeper(quorum, "given quorum " + quorum, null);
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
            server.close();
        }
    }
}
