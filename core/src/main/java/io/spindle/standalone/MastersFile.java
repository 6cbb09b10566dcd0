package io.spindle.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conf/masters}: the JobManagers of a standalone cluster, one {@code host:webui-port} per
 * line ({@code [ipv6]:port} for IPv6 addresses; a host alone leaves the port to {@code rest.port}).
 * {@code #} starts a comment; blank lines are ignored. A line that is not of that form, a port
 * outside 1..65535, the same host and port twice, and a file with no JobManager are errors.
 *
 * <p>Immutable.
 */
public final class MastersFile {

    /** The file's name inside the configuration directory. */
    public static final String FILE_NAME = "masters";

    private final List<MasterAddress> masters;

    private MastersFile(List<MasterAddress> masters) {
        this.masters = List.copyOf(masters);
    }

    /** Reads and checks {@code path}. */
    public static MastersFile read(Path path) {
        return parse(path.toString(), ConfigFileLines.read(path));
    }

    /**
     * Checks {@code lines}, the content of the file named {@code fileName} in error messages.
     *
     * @throws ConfigFileException for the first bad line, or if no JobManager is listed
     */
    public static MastersFile parse(String fileName, List<String> lines) {
        List<MasterAddress> masters = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (ConfigFileLines.Line line : ConfigFileLines.meaningful(lines, true)) {
            MasterAddress master = parseLine(fileName, line);
            String key = HostSyntax.normalized(master.host()) + " " + master.webUiPort();
            Integer first = firstLine.putIfAbsent(key, line.number());
            if (first != null) {
                throw ConfigFileException.atLine(fileName, line.number(),
                        "duplicate master " + master.display() + " (first on line " + first + ")");
            }
            masters.add(master);
        }
        if (masters.isEmpty()) {
            throw ConfigFileException.inFile(fileName,
                    "no JobManager listed (write one host:webui-port per line, e.g. localhost:8081)");
        }
        return new MastersFile(masters);
    }

    private static MasterAddress parseLine(String fileName, ConfigFileLines.Line line) {
        String text = line.text();
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw badLine(fileName, line);
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw badLine(fileName, line);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (rest.isEmpty()) {
                port = null;
            } else if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else {
                throw badLine(fileName, line);
            }
            if (host.indexOf(':') < 0) {
                throw ConfigFileException.atLine(fileName, line.number(),
                        "bad host '" + host + "': brackets are for IPv6 addresses only");
            }
        } else {
            int colon = text.indexOf(':');
            if (colon != text.lastIndexOf(':')) {
                throw ConfigFileException.atLine(fileName, line.number(), "bad line '" + text
                        + "': write IPv6 addresses in brackets, e.g. [::1]:8081");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (!HostSyntax.isValidHost(host)) {
            throw ConfigFileException.atLine(fileName, line.number(), "bad host '" + host + "'");
        }
        int webUiPort = 0;
        if (port != null) {
            webUiPort = HostSyntax.parsePort(port);
            if (webUiPort < 0) {
                throw ConfigFileException.atLine(fileName, line.number(), "bad port '" + port
                        + "' in '" + text + "': expected a number from 1 to 65535");
            }
        }
        return new MasterAddress(host, webUiPort, line.number());
    }

    private static ConfigFileException badLine(String fileName, ConfigFileLines.Line line) {
        return ConfigFileException.atLine(fileName, line.number(),
                "bad line '" + line.text() + "': expected host:webui-port, e.g. localhost:8081");
    }

    /** The JobManagers, in file order; never empty. */
    public List<MasterAddress> masters() {
        return masters;
    }
}
