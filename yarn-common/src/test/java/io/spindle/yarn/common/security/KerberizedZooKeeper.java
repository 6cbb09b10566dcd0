package io.spindle.yarn.common.security;

import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.ZooKeeperSasl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An {@link EmbeddedZooKeeper} that authenticates clients with SASL/GSSAPI: it logs in as
 * {@code zookeeper/localhost} of a {@link TestKdc} (a JAAS {@code Server} section in a file named by
 * {@code java.security.auth.login.config}) and registers ZooKeeper's SASL authentication provider.
 * The same file can hold client sections (another principal's keytab login), to play a foreign
 * client. JAAS and the provider registry are JVM-wide: {@link #close()} restores the system
 * properties and resets both. One per JVM at a time; not thread-safe.
 */
public final class KerberizedZooKeeper implements AutoCloseable {

    /** The service name of the server's principal. */
    public static final String SERVICE_NAME = "zookeeper";

    private final EmbeddedZooKeeper server;
    private final ZooKeeperSasl sasl;

    private KerberizedZooKeeper(EmbeddedZooKeeper server, ZooKeeperSasl sasl) {
        this.server = server;
        this.sasl = sasl;
    }

    /**
     * @param clientSections extra JAAS client sections: context name to the short principal name that
     *     logs in with it (its keytab is created in {@code dir})
     */
    public static KerberizedZooKeeper start(TestKdc kdc, Path dir, Map<String, String> clientSections) throws Exception {
        Files.createDirectories(dir);
        String serverPrincipal = SERVICE_NAME + "/localhost";
        StringBuilder jaas = new StringBuilder(section("Server",
                kdc.createKeytab(dir.resolve("zookeeper.keytab"), serverPrincipal), kdc.principal(serverPrincipal)));
        for (Map.Entry<String, String> client : clientSections.entrySet()) {
            Path keytab = kdc.createKeytab(dir.resolve(client.getValue() + ".keytab"), client.getValue());
            jaas.append(section(client.getKey(), keytab, kdc.principal(client.getValue())));
        }
        Path file = Files.writeString(dir.resolve("jaas.conf"), jaas);
        ZooKeeperSasl sasl = ZooKeeperSasl.enable(file, Map.of());
        try {
            return new KerberizedZooKeeper(EmbeddedZooKeeper.start(dir.resolve("data")), sasl);
        } catch (Exception | Error e) {
            sasl.close();
            throw e;
        }
    }

    private static String section(String name, Path keytab, String principal) {
        return name + " {\n  com.sun.security.auth.module.Krb5LoginModule required\n  useKeyTab=true\n  keyTab=\""
                + keytab + "\"\n  storeKey=true\n  useTicketCache=false\n  refreshKrb5Config=true\n  principal=\""
                + principal + "\";\n};\n";
    }

    /** {@code 127.0.0.1:<port>}. */
    public String connectString() {
        return server.connectString();
    }

    /** Stops the server and restores the JVM's JAAS and ZooKeeper authentication settings. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            sasl.close();
        }
    }
}
