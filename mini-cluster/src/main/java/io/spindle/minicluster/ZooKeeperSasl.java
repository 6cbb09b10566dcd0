package io.spindle.minicluster;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.zookeeper.server.auth.ProviderRegistry;

/**
 * SASL for the ZooKeeper servers and clients of this JVM: names a JAAS file (its {@code Server}
 * section for servers, other sections for clients) in {@code java.security.auth.login.config},
 * registers ZooKeeper's SASL authentication provider, and makes the JDK and ZooKeeper forget the
 * login configuration and providers they had cached, so servers and clients started afterwards use
 * them. {@link #close()} puts the system properties back as they were and forgets the caches again.
 * The settings are JVM-wide: one at a time, not thread-safe.
 */
public final class ZooKeeperSasl implements AutoCloseable {

    private final Map<String, String> saved;

    private ZooKeeperSasl(Map<String, String> saved) {
        this.saved = saved;
    }

    /**
     * Turns SASL on with {@code jaasFile}, then sets {@code moreProperties} (system properties, in
     * their iteration order).
     */
    public static ZooKeeperSasl enable(Path jaasFile, Map<String, String> moreProperties) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("java.security.auth.login.config", jaasFile.toString());
        properties.put("zookeeper.authProvider.1", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider");
        properties.putAll(moreProperties);
        Map<String, String> saved = new HashMap<>();
        properties.forEach((key, value) -> {
            saved.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        forgetCaches();
        return new ZooKeeperSasl(saved);
    }

    /** Restores the system properties {@link #enable} set and forgets the caches. */
    @Override
    public void close() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        forgetCaches();
    }

    private static void forgetCaches() {
        // The JDK caches the login configuration of the first ZooKeeper client in the JVM.
        javax.security.auth.login.Configuration.setConfiguration(null);
        // Servers started earlier registered their authentication providers once, maybe without SASL.
        ProviderRegistry.reset();
    }
}
