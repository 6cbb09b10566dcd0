package io.spindle.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The servers of {@code high-availability.zookeeper.quorum}, checked for syntax: a comma-separated
 * list of {@code host:port} (or {@code [ipv6]:port}; a missing port means {@value #DEFAULT_PORT}),
 * the way the ZooKeeper client reads a connect string, optionally followed by a chroot path
 * ({@code zk1:2181,zk2:2181/spindle}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param servers the servers, in order; never empty
 */
public record ZooKeeperQuorum(List<Server> servers) {

    /** ZooKeeper's client port when an entry names none. */
    public static final int DEFAULT_PORT = 2181;

    /**
     * One server of the quorum.
     *
     * @param host the host name or address (IPv6 without brackets)
     * @param port the client port, 1 to 65535
     */
    public record Server(String host, int port) {

        /** Checks for null. */
        public Server {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Copies the list. */
    public ZooKeeperQuorum {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a quorum has at least one server");
        }
    }

    /**
     * Reads and checks {@code high-availability.zookeeper.quorum} of {@code config}.
     *
     * @throws IllegalConfigurationException if the key is not set, or one line naming the key and
     *     the bad entry if it is malformed
     */
    public static ZooKeeperQuorum of(Configuration config) {
        return parse(config.getRequired(HighAvailabilityOptions.ZOOKEEPER_QUORUM));
    }

    /**
     * Parses a quorum value.
     *
     * @throws IllegalConfigurationException with one line naming
     *     {@code high-availability.zookeeper.quorum} and the bad entry
     */
    public static ZooKeeperQuorum parse(String value) {
        String servers = value.strip();
        int chroot = servers.indexOf('/');
        if (chroot >= 0) {
            servers = servers.substring(0, chroot);
        }
        List<Server> parsed = new ArrayList<>();
        for (String raw : servers.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                throw invalid(value, "an empty entry");
            }
            parsed.add(server(value, entry));
        }
        return new ZooKeeperQuorum(parsed);
    }

    private static Server server(String value, String entry) {
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw invalid(value, "entry '" + entry + "' (an IPv6 address needs a closing ']')");
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(value, "entry '" + entry + "' (expected [address]:port)");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = entry.lastIndexOf(':');
            if (colon >= 0 && entry.indexOf(':') != colon) {
                throw invalid(value, "entry '" + entry + "' (write an IPv6 address as [address]:port)");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(value, "entry '" + entry + "' (no host name)");
        }
        return new Server(host, port == null ? DEFAULT_PORT : port(value, entry, port));
    }

    private static int port(String value, String entry, String port) {
        int parsed;
        try {
            parsed = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(value, "entry '" + entry + "' (port '" + port + "' is not a number)");
        }
        if (parsed < 1 || parsed > 65535) {
            throw invalid(value, "entry '" + entry + "' (port " + parsed + " is not between 1 and 65535)");
        }
        return parsed;
    }

    private static IllegalConfigurationException invalid(String value, String what) {
        return new IllegalConfigurationException("Invalid value '" + value + "' for key '"
                + HighAvailabilityOptions.ZOOKEEPER_QUORUM.key() + "': " + what + "; expected host:port[,host:port...]");
    }

    /** The servers as a connect string, without chroot. */
    public String connectString() {
        return String.join(",", servers.stream().map(Server::toString).toList());
    }
}
