package io.spindle.runtime.entrypoint;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host name a process announces when none is configured. */
final class HostNames {

    private HostNames() {}

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
