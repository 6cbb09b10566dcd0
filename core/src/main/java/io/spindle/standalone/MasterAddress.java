package io.spindle.standalone;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One JobManager of {@code conf/masters}: the host to start it on and, when the line gives one, the
 * port of its web UI and REST endpoint.
 *
 * @param host the host name or address, IPv6 without brackets
 * @param webUiPort the web UI port, or 0 when the line names the host alone (the configuration's
 *     {@code rest.port} then applies)
 * @param line the 1-based line of the file
 */
public record MasterAddress(String host, int webUiPort, int line) {

    /** Checks the components. */
    public MasterAddress {
        Objects.requireNonNull(host, "host");
        if (webUiPort < 0 || webUiPort > 65535) {
            throw new IllegalArgumentException("bad port " + webUiPort);
        }
    }

    /** The web UI port, if the line gives one. */
    public OptionalInt explicitWebUiPort() {
        return webUiPort == 0 ? OptionalInt.empty() : OptionalInt.of(webUiPort);
    }

    /** {@code host:port} as in the file (IPv6 in brackets), or the host alone. */
    public String display() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return webUiPort == 0 ? h : h + ":" + webUiPort;
    }
}
