package io.spindle.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled ZooKeeper server that {@code bin/zookeeper.sh} starts:
 * {@code ZooKeeperQuorumPeerMain --zk-config FILE --server-id N}.
 *
 * <p>Checks {@code zoo.cfg} ({@link ZooKeeperQuorumConfig}), writes {@code N} to {@code myid} in
 * {@code dataDir}, and runs a quorum peer, or a standalone server when the file lists one server.
 * Unless {@code zoo.cfg} or a system property turns it on, ZooKeeper's admin HTTP server stays off.
 * Runs until the process is killed; exits 1 with a message on standard error if the server cannot
 * start.
 */
public final class ZooKeeperQuorumPeerMain {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperQuorumPeerMain.class);
    private static final String ADMIN_SERVER_PROPERTY = "zookeeper.admin.enableServer";

    private ZooKeeperQuorumPeerMain() {
    }

    /** Starts the server; returns only when it stops. */
    public static void main(String[] args) {
        Path configFile = null;
        Long serverId = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--zk-config" -> configFile = value == null ? null : Path.of(value);
                case "--server-id" -> serverId = parseId(value);
                default -> usage("unknown argument '" + args[i] + "'");
            }
            i++;
        }
        if (configFile == null || serverId == null) {
            usage("both --zk-config and --server-id are required");
        }
        try {
            run(configFile, serverId);
        } catch (Exception e) {
            LOG.error("ZooKeeper server {} stopped on an error", serverId, e);
            System.err.println("Error: ZooKeeper server " + serverId + ": " + e.getMessage());
            System.exit(1);
        }
        LOG.info("ZooKeeper server {} stopped", serverId);
        System.exit(0);
    }

    private static void run(Path configFile, long serverId) throws Exception {
        ZooKeeperQuorumConfig config = ZooKeeperQuorumConfig.read(configFile);
        ZooKeeperServerEntry self = config.server(serverId).orElseThrow(() -> new IllegalArgumentException(
                configFile + " has no line server." + serverId));
        writeMyId(config.dataDir(), serverId);

        Properties properties = config.toProperties();
        if (config.servers().size() == 1) {
            // One server runs standalone; ZooKeeper would log an error about a one-server quorum.
            properties.keySet().removeIf(key -> key.toString().startsWith("server."));
        }
        properties.putIfAbsent("tickTime", "2000");
        properties.putIfAbsent("initLimit", "10");
        properties.putIfAbsent("syncLimit", "5");
        if (System.getProperty(ADMIN_SERVER_PROPERTY) == null && !properties.containsKey("admin.enableServer")) {
            System.setProperty(ADMIN_SERVER_PROPERTY, "false");
        }
        QuorumPeerConfig peerConfig = new QuorumPeerConfig();
        peerConfig.parseProperties(properties);

        DatadirCleanupManager purger = new DatadirCleanupManager(peerConfig.getDataDir(),
                peerConfig.getDataLogDir(), peerConfig.getSnapRetainCount(), peerConfig.getPurgeInterval());
        purger.start();

        if (peerConfig.isDistributed()) {
            LOG.info("Starting ZooKeeper server {} on {} (client port {}, peer port {}, election port {}) of a "
                    + "quorum of {}, data in {}", serverId, self.host(), config.clientPort(), self.peerPort(),
                    self.leaderPort(), config.servers().size(), config.dataDir());
            new QuorumPeerMain().runFromConfig(peerConfig);
        } else {
            LOG.info("Starting standalone ZooKeeper server {} on {} (client port {}), data in {}",
                    serverId, self.host(), config.clientPort(), config.dataDir());
            ServerConfig serverConfig = new ServerConfig();
            serverConfig.readFrom(peerConfig);
            new ZooKeeperServerMain().runFromConfig(serverConfig);
        }
    }

    /** Writes {@code serverId} to {@code dataDir/myid}, creating the directory. */
    static void writeMyId(Path dataDir, long serverId) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("myid"), serverId + "\n", StandardCharsets.US_ASCII);
    }

    private static long parseId(String value) {
        try {
            long id = Long.parseLong(value);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        usage("--server-id needs a whole number, got '" + value + "'");
        return -1;
    }

    private static void usage(String problem) {
        System.err.println("Error: " + problem);
        System.err.println("Usage: ZooKeeperQuorumPeerMain --zk-config FILE --server-id N");
        System.exit(2);
    }
}
