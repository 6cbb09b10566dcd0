package io.spindle.security;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the JDK's Kerberos looks for the user's ticket cache: {@code KRB5CCNAME}, else
 * {@code /tmp/krb5cc_<uid>}. Stateless; thread-safe.
 */
final class TicketCache {

    private TicketCache() {}

    /**
     * @return false only when the cache is a file that does not exist; caches that are not files
     *     (e.g. {@code KEYRING:}, {@code KCM:}) may exist
     */
    static boolean mayExist() {
        String name = System.getenv("KRB5CCNAME");
        if (name == null || name.isBlank()) {
            try {
                name = "/tmp/krb5cc_" + new com.sun.security.auth.module.UnixSystem().getUid();
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return true; // not Unix: the JDK knows where to look
            }
        } else if (name.startsWith("FILE:")) {
            name = name.substring("FILE:".length());
        } else if (name.contains(":")) {
            return true;
        }
        return Files.exists(Path.of(name));
    }
}
