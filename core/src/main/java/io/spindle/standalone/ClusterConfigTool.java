package io.spindle.standalone;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.HighAvailabilityType;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import io.spindle.security.ClusterSecretFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command {@code bin/} scripts call to check cluster files and list their hosts, one entry per
 * line, fields separated by single spaces, {@code local} or {@code remote} last:
 *
 * <pre>
 * ClusterConfigTool masters FILE     host webui-port|- local|remote
 * ClusterConfigTool workers FILE     host local|remote
 * ClusterConfigTool zookeeper FILE   server-id host local|remote
 * ClusterConfigTool ha CONF_DIR      "zookeeper PEERS" (hosts in high-availability.zookeeper.quorum) or "none"
 * ClusterConfigTool secret CONF_DIR  nothing; creates CONF_DIR/cluster-secret (0600) when authentication is on,
 *                                    security.cluster.secret-file is unset and the file does not exist yet
 *                                    (one notice line on standard error then)
 * </pre>
 *
 * <p>Exit 0 on success; 1 with {@code Error: <file>, line <n>: <reason>} on standard error for a bad
 * file; 2 for bad usage.
 */
public final class ClusterConfigTool {

    private final PrintStream out;

    ClusterConfigTool(PrintStream out) {
        this.out = out;
    }

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("Usage: ClusterConfigTool (masters|workers|zookeeper) FILE | (ha|secret) CONF_DIR");
            return 2;
        }
        ClusterConfigTool tool = new ClusterConfigTool(out);
        Path path = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "masters" -> tool.masters(MastersFile.read(path).masters());
                case "workers" -> tool.workers(WorkersFile.read(path).hosts());
                case "zookeeper" -> tool.zookeeper(ZooKeeperQuorumConfig.read(path).servers());
                case "ha" -> tool.ha(path);
                case "secret" -> tool.secret(path, err);
                default -> {
                    err.println("Unknown command '" + args[0] + "': expected masters, workers, zookeeper, ha or secret; got "
                            + Arrays.toString(args));
                    return 2;
                }
            }
        } catch (IllegalConfigurationException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    private void masters(List<MasterAddress> masters) {
        for (MasterAddress master : masters) {
            String port = master.webUiPort() == 0 ? "-" : Integer.toString(master.webUiPort());
            out.println(master.host() + " " + port + " " + where(master.host()));
        }
    }

    private void workers(List<String> hosts) {
        for (String host : hosts) {
            out.println(host + " " + where(host));
        }
    }

    private void zookeeper(List<ZooKeeperServerEntry> servers) {
        for (ZooKeeperServerEntry server : servers) {
            out.println(server.id() + " " + server.host() + " " + where(server.host()));
        }
    }

    private void ha(Path confDir) {
        Configuration config = new ConfigurationLoader().withWarningsLogged(false)
                .load(confDir, Map.of()).configuration();
        if (config.get(HighAvailabilityOptions.TYPE) != HighAvailabilityType.ZOOKEEPER) {
            out.println("none");
            return;
        }
        String quorum = config.getOptional(HighAvailabilityOptions.ZOOKEEPER_QUORUM).orElse("").strip();
        long peers = Arrays.stream(quorum.split(",")).map(String::strip).filter(s -> !s.isEmpty()).count();
        if (peers == 0) {
            throw new IllegalConfigurationException(confDir.resolve(ConfigurationLoader.CONFIG_FILE_NAME)
                    + ": high-availability.type is zookeeper but high-availability.zookeeper.quorum is not set"
                    + " (e.g. high-availability.zookeeper.quorum: localhost:2181)");
        }
        out.println("zookeeper " + peers);
    }

    private void secret(Path confDir, PrintStream err) {
        Configuration config = new ConfigurationLoader().withWarningsLogged(false)
                .load(confDir, Map.of()).configuration();
        if (!config.get(SecurityOptions.AUTHENTICATION_ENABLED)
                || config.getOptional(SecurityOptions.CLUSTER_SECRET_FILE).filter(f -> !f.isBlank()).isPresent()) {
            return;
        }
        Path file = confDir.resolve(ClusterSecretFile.DEFAULT_FILE_NAME);
        try {
            if (ClusterSecretFile.createIfAbsent(file)) {
                err.println("Created the cluster secret " + file + " (0600); a cluster on several hosts needs the same"
                        + " file on each (see docs/security.md).");
            }
        } catch (java.io.IOException e) {
            throw new IllegalConfigurationException("cannot create the cluster secret " + file + ": " + e.getMessage());
        }
    }

    private static String where(String host) {
        return LocalHosts.isLocal(host) ? "local" : "remote";
    }
}
