package io.spindle.standalone;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the hosts of cluster files that are this machine (start daemons directly) from the others
 * (start them over ssh): {@code localhost}, loopback addresses, this machine's own names, and any
 * name that resolves to an address of one of its network interfaces. A name that does not resolve
 * is taken as remote; ssh then reports it.
 */
public final class LocalHosts {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHosts.class);
    private static final Set<String> ALWAYS_LOCAL = Set.of("localhost", "localhost.localdomain", "127.0.0.1", "::1");

    private LocalHosts() {
    }

    /** Whether {@code host} is this machine. */
    public static boolean isLocal(String host) {
        String name = HostSyntax.normalized(host);
        if (ALWAYS_LOCAL.contains(name)) {
            return true;
        }
        if (name.equals(ownName())) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(name)) {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            LOG.debug("{} does not resolve; taken as remote", host);
        } catch (SocketException e) {
            LOG.debug("Cannot list network interfaces; {} taken as remote", host, e);
        }
        return false;
    }

    private static String ownName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
