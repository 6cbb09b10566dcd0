package io.spindle.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code conf/zoo.cfg}: the bundled ZooKeeper quorum, in ZooKeeper's own {@code key=value} format.
 *
 * <p>Checked here, with file and line: every non-comment line is {@code key=value}; no key twice;
 * {@code server.N=host:peerPort:leaderPort[:participant|:observer]} with a whole-number id, a valid
 * host and ports from 1 to 65535, peer and election port distinct; no server id twice; at most one
 * server per host (they would share {@code dataDir} and {@code clientPort}); at least one server;
 * {@code clientPort} (a port, not one of a server's ports) and {@code dataDir} (an absolute path)
 * present; {@code tickTime}, {@code initLimit}, {@code syncLimit} positive whole numbers. Other keys
 * pass through to ZooKeeper unchecked.
 *
 * <p>Immutable.
 */
public final class ZooKeeperQuorumConfig {

    /** The file's name inside the configuration directory. */
    public static final String FILE_NAME = "zoo.cfg";

    private static final Pattern SERVER_KEY = Pattern.compile("server\\.(.*)");
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Set<String> POSITIVE_KEYS = Set.of("tickTime", "initLimit", "syncLimit");

    private final Map<String, String> properties;
    private final List<ZooKeeperServerEntry> servers;

    private ZooKeeperQuorumConfig(Map<String, String> properties, List<ZooKeeperServerEntry> servers) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.servers = List.copyOf(servers);
    }

    /** Reads and checks {@code path}. */
    public static ZooKeeperQuorumConfig read(Path path) {
        return parse(path.toString(), ConfigFileLines.read(path));
    }

    /**
     * Checks {@code lines}, the content of the file named {@code fileName} in error messages.
     *
     * @throws ConfigFileException for the first bad line, or a missing key or server
     */
    public static ZooKeeperQuorumConfig parse(String fileName, List<String> lines) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        List<ZooKeeperServerEntry> servers = new ArrayList<>();
        Map<Long, Integer> idLines = new HashMap<>();
        Map<String, ZooKeeperServerEntry> byHost = new HashMap<>();
        for (ConfigFileLines.Line line : ConfigFileLines.meaningful(lines, false)) {
            int eq = line.text().indexOf('=');
            String key = eq < 0 ? "" : line.text().substring(0, eq).strip();
            if (key.isEmpty()) {
                throw ConfigFileException.atLine(fileName, line.number(),
                        "bad line '" + line.text() + "': expected key=value");
            }
            String value = line.text().substring(eq + 1).strip();
            var serverKey = SERVER_KEY.matcher(key);
            Integer firstKey = serverKey.matches() ? null : keyLines.putIfAbsent(key, line.number());
            if (firstKey != null) {
                throw ConfigFileException.atLine(fileName, line.number(),
                        "duplicate key " + key + " (first on line " + firstKey + ")");
            }
            if (serverKey.matches()) {
                ZooKeeperServerEntry server = parseServer(fileName, line, serverKey.group(1), value);
                Integer firstId = idLines.putIfAbsent(server.id(), line.number());
                if (firstId != null) {
                    throw ConfigFileException.atLine(fileName, line.number(),
                            "duplicate server id " + server.id() + " (first on line " + firstId + ")");
                }
                ZooKeeperServerEntry sameHost = byHost.putIfAbsent(HostSyntax.normalized(server.host()), server);
                if (sameHost != null) {
                    throw ConfigFileException.atLine(fileName, line.number(), "server." + server.id()
                            + " is on host " + server.host() + " like server." + sameHost.id() + " (line "
                            + sameHost.line() + "): one server per host, they would share dataDir and clientPort");
                }
                servers.add(server);
            } else if (POSITIVE_KEYS.contains(key) && !POSITIVE.matcher(value).matches()) {
                throw ConfigFileException.atLine(fileName, line.number(),
                        "bad value '" + value + "' for " + key + ": expected a positive whole number");
            } else if (key.equals("clientPort")) {
                checkClientPort(fileName, line, value, servers);
            } else if (key.equals("dataDir") || key.equals("dataLogDir")) {
                checkDirectory(fileName, line, key, value);
            }
            properties.put(key, value);
        }
        checkComplete(fileName, properties, keyLines, servers);
        return new ZooKeeperQuorumConfig(properties, servers);
    }

    private static ZooKeeperServerEntry parseServer(String fileName, ConfigFileLines.Line line, String idText,
            String value) {
        if (!ID.matcher(idText).matches()) {
            throw ConfigFileException.atLine(fileName, line.number(),
                    "bad server id '" + idText + "' in 'server." + idText + "': expected a whole number");
        }
        long id = Long.parseLong(idText);
        if (value.indexOf(';') >= 0 || value.indexOf('|') >= 0) {
            throw ConfigFileException.atLine(fileName, line.number(), "bad line '" + line.text()
                    + "': per-server client ports (;) and address lists (|) are not supported; set clientPort");
        }
        String[] parts = value.split(":", -1);
        boolean observer = false;
        if (parts.length == 4) {
            if (parts[3].equals("observer")) {
                observer = true;
            } else if (!parts[3].equals("participant")) {
                throw ConfigFileException.atLine(fileName, line.number(), "bad server type '" + parts[3]
                        + "' in '" + line.text() + "': expected participant or observer");
            }
        } else if (parts.length != 3) {
            throw ConfigFileException.atLine(fileName, line.number(), "bad line '" + line.text()
                    + "': expected server.N=host:peerPort:leaderPort, e.g. server.0=localhost:2888:3888");
        }
        String host = parts[0];
        if (!HostSyntax.isValidHost(host) || host.indexOf(':') >= 0) {
            throw ConfigFileException.atLine(fileName, line.number(), "bad host '" + host + "' in '" + line.text()
                    + "'" + (host.isEmpty() ? "" : ": expected a host name or IPv4 address"));
        }
        int peerPort = port(fileName, line, parts[1]);
        int leaderPort = port(fileName, line, parts[2]);
        if (peerPort == leaderPort) {
            throw ConfigFileException.atLine(fileName, line.number(), "peer port and leader election port are both "
                    + peerPort + " in '" + line.text() + "': they must differ");
        }
        return new ZooKeeperServerEntry(id, host, peerPort, leaderPort, observer, line.number());
    }

    private static int port(String fileName, ConfigFileLines.Line line, String text) {
        int port = HostSyntax.parsePort(text);
        if (port < 0) {
            throw ConfigFileException.atLine(fileName, line.number(), "bad port '" + text + "' in '"
                    + line.text() + "': expected a number from 1 to 65535");
        }
        return port;
    }

    private static void checkClientPort(String fileName, ConfigFileLines.Line line, String value,
            List<ZooKeeperServerEntry> serversSoFar) {
        int clientPort = port(fileName, line, value);
        for (ZooKeeperServerEntry server : serversSoFar) {
            checkPortClash(fileName, line.number(), clientPort, server);
        }
    }

    private static void checkPortClash(String fileName, int line, int clientPort, ZooKeeperServerEntry server) {
        if (server.peerPort() == clientPort || server.leaderPort() == clientPort) {
            throw ConfigFileException.atLine(fileName, line, "clientPort " + clientPort
                    + " is also a port of server." + server.id() + " (line " + server.line() + ")");
        }
    }

    private static void checkDirectory(String fileName, ConfigFileLines.Line line, String key, String value) {
        if (value.isEmpty() || !Path.of(value).isAbsolute()) {
            throw ConfigFileException.atLine(fileName, line.number(),
                    "bad value '" + value + "' for " + key + ": expected an absolute path");
        }
    }

    private static void checkComplete(String fileName, Map<String, String> properties, Map<String, Integer> keyLines,
            List<ZooKeeperServerEntry> servers) {
        if (servers.isEmpty()) {
            throw ConfigFileException.inFile(fileName,
                    "no server.N line (list the quorum's servers, e.g. server.0=localhost:2888:3888)");
        }
        if (!properties.containsKey("clientPort")) {
            throw ConfigFileException.inFile(fileName, "missing clientPort (e.g. clientPort=2181)");
        }
        if (!properties.containsKey("dataDir")) {
            throw ConfigFileException.inFile(fileName, "missing dataDir (e.g. dataDir=/tmp/zookeeper)");
        }
        // A server line after clientPort: check the clash now, reported on the server's line.
        int clientPort = Integer.parseInt(properties.get("clientPort"));
        int clientPortLine = keyLines.get("clientPort");
        for (ZooKeeperServerEntry server : servers) {
            if (server.line() > clientPortLine) {
                checkPortClash(fileName, server.line(), clientPort, server);
            }
        }
    }

    /** The servers, in file order; never empty. */
    public List<ZooKeeperServerEntry> servers() {
        return servers;
    }

    /** The server with id {@code id}. */
    public Optional<ZooKeeperServerEntry> server(long id) {
        return servers.stream().filter(s -> s.id() == id).findFirst();
    }

    /** The port clients connect to. */
    public int clientPort() {
        return Integer.parseInt(properties.get("clientPort"));
    }

    /** Where each server keeps its snapshots and {@code myid}; absolute. */
    public Path dataDir() {
        return Path.of(properties.get("dataDir"));
    }

    /** Every key and value of the file, in file order, servers included. */
    public Map<String, String> properties() {
        return properties;
    }

    /** {@link #properties()} as {@link Properties}, the form ZooKeeper's own parser takes. */
    public Properties toProperties() {
        Properties result = new Properties();
        result.putAll(properties);
        return result;
    }
}
