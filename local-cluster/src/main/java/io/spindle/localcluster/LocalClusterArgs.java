package io.spindle.localcluster;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line of {@link LocalClusterMain}: the command and its options. Immutable.
 *
 * @param command       {@code start}, {@code prepare}, {@code status} or {@code stop}
 * @param dir           the cluster's directory (absolute)
 * @param nodeManagers  how many NodeManagers YARN runs
 * @param nodeManagerMemoryMb memory each NodeManager offers to containers
 * @param zooKeeperPort the ZooKeeper client port; 0 picks a free one
 * @param nameNodePort  the HDFS NameNode RPC port; 0 picks a free one
 * @param confTemplate  a folder whose {@code log4j2*.xml} files are copied into the generated
 *                      Spindle configuration (the distribution's {@code conf/}), if any
 * @param stopTimeout   how long {@code stop} waits after SIGTERM before it sends SIGKILL
 * @param zooKeeperEnsemble 1 for one ZooKeeper server in the cluster's JVM (on {@code zooKeeperPort});
 *                      more for an ensemble of that many servers, each a JVM of its own (free ports)
 */
public record LocalClusterArgs(String command, Path dir, int nodeManagers, int nodeManagerMemoryMb,
                               int zooKeeperPort, int nameNodePort, Optional<Path> confTemplate,
                               Duration stopTimeout, int zooKeeperEnsemble) {

    /** The commands {@link LocalClusterMain} understands. */
    public static final List<String> COMMANDS = List.of("start", "prepare", "status", "stop", "restart-datanode");

    /** One usage line per form, for {@code --help} and usage errors. */
    public static final String USAGE = String.join("\n",
            "Usage: spindle local-cluster start  [--dir DIR] [--node-managers N] [--node-manager-memory MB]",
            "                                    [--zookeeper-port PORT] [--namenode-port PORT]",
            "                                    [--zookeeper-ensemble N]",
            "       spindle local-cluster status [--dir DIR]",
            "       spindle local-cluster restart-datanode [--dir DIR]",
            "       spindle local-cluster stop   [--dir DIR] [--timeout SECONDS]",
            "DIR defaults to $TMPDIR/spindle-local-cluster-$USER; ports default to free ones.");

    /**
     * Parses {@code args}: the command first, then options in any order.
     *
     * @throws IllegalArgumentException with a one-line message on a usage error
     */
    public static LocalClusterArgs parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command (start, status or stop)");
        }
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "' (start, status or stop)");
        }
        Path dir = defaultDir();
        int nodeManagers = 2;
        int memory = 4096;
        int zkPort = 0;
        int nnPort = 0;
        Path template = null;
        long timeoutSeconds = 30;
        int ensemble = 1;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            String value;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            switch (option) {
                case "--dir" -> dir = Paths.get(value);
                case "--node-managers" -> nodeManagers = intValue(option, value, 1, 16);
                case "--node-manager-memory" -> memory = intValue(option, value, 1024, 1 << 20);
                case "--zookeeper-port" -> zkPort = intValue(option, value, 0, 65535);
                case "--namenode-port" -> nnPort = intValue(option, value, 0, 65535);
                case "--conf-template" -> template = Paths.get(value);
                case "--timeout" -> timeoutSeconds = intValue(option, value, 1, 3600);
                case "--zookeeper-ensemble" -> ensemble = intValue(option, value, 1, 7);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new LocalClusterArgs(command, dir.toAbsolutePath().normalize(), nodeManagers, memory, zkPort, nnPort,
                Optional.ofNullable(template).map(p -> p.toAbsolutePath().normalize()),
                Duration.ofSeconds(timeoutSeconds), ensemble);
    }

    /** {@code $TMPDIR/spindle-local-cluster-$USER}, with {@code java.io.tmpdir} if TMPDIR is unset. */
    public static Path defaultDir() {
        String tmp = System.getenv("TMPDIR");
        if (tmp == null || tmp.isBlank()) {
            tmp = System.getProperty("java.io.tmpdir");
        }
        String user = System.getenv("USER");
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name");
        }
        return Paths.get(tmp, "spindle-local-cluster-" + user);
    }

    private static int intValue(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ": " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + value, e);
        }
    }
}
