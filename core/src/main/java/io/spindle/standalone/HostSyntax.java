package io.spindle.standalone;

import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax checks for host names and ports in cluster files; no name lookups. */
final class HostSyntax {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private HostSyntax() {
    }

    /** Whether {@code host} is a DNS name (RFC 1123 labels), an IPv4 address or a bare IPv6 address. */
    static boolean isValidHost(String host) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.indexOf(':') >= 0) {
            return IPV6.matcher(host).matches();
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty()) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The port {@code text} names, or -1 unless it is a whole number from 1 to 65535. */
    static int parsePort(String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : -1;
    }

    /** A host in the form used to compare entries: lower case, no trailing dot. */
    static String normalized(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
