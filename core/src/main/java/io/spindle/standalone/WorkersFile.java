package io.spindle.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code conf/workers}: the hosts to start a TaskExecutor on, one host name or address per line
 * (a host listed twice gets two TaskExecutors). {@code #} starts a comment; blank lines are
 * ignored. A line that is not a host name or address, and a file with no host, are errors.
 *
 * <p>Immutable.
 */
public final class WorkersFile {

    /** The file's name inside the configuration directory. */
    public static final String FILE_NAME = "workers";

    private final List<String> hosts;

    private WorkersFile(List<String> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    /** Reads and checks {@code path}. */
    public static WorkersFile read(Path path) {
        return parse(path.toString(), ConfigFileLines.read(path));
    }

    /**
     * Checks {@code lines}, the content of the file named {@code fileName} in error messages.
     *
     * @throws ConfigFileException for the first bad line, or if no host is listed
     */
    public static WorkersFile parse(String fileName, List<String> lines) {
        List<String> hosts = new ArrayList<>();
        for (ConfigFileLines.Line line : ConfigFileLines.meaningful(lines, true)) {
            String text = line.text();
            String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (!HostSyntax.isValidHost(host)) {
                throw ConfigFileException.atLine(fileName, line.number(), "bad host '" + text
                        + "': expected one host name or address per line, e.g. localhost");
            }
            hosts.add(host);
        }
        if (hosts.isEmpty()) {
            throw ConfigFileException.inFile(fileName,
                    "no worker listed (write one host per line, e.g. localhost)");
        }
        return new WorkersFile(hosts);
    }

    /** The hosts, in file order, duplicates kept; never empty. */
    public List<String> hosts() {
        return hosts;
    }
}
