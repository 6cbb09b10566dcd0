package io.spindle.yarn.common.security;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.minikdc.MiniKdc;

/**
 * A test KDC ({@link MiniKdc}, realm {@code EXAMPLE.COM}) on a free port, with its data under a
 * folder. Starting it points the JVM's Kerberos at it ({@code java.security.krb5.conf}); that is
 * JVM-wide, so one per test class. Not thread-safe.
 */
public final class TestKdc implements AutoCloseable {

    private final MiniKdc kdc;

    private TestKdc(MiniKdc kdc) {
        this.kdc = kdc;
    }

    /** Starts a KDC with its data in {@code dir/kdc}. */
    public static TestKdc start(Path dir) throws Exception {
        MiniKdc kdc = new MiniKdc(MiniKdc.createConf(), Files.createDirectories(dir.resolve("kdc")).toFile());
        kdc.start();
        return new TestKdc(kdc);
    }

    /** The realm, {@code EXAMPLE.COM}. */
    public String realm() {
        return kdc.getRealm();
    }

    /** {@code name@REALM}. */
    public String principal(String name) {
        return name + "@" + realm();
    }

    /**
     * Creates the principals (e.g. {@code alice}, {@code zookeeper/localhost}) with random keys,
     * and a keytab holding them all.
     *
     * @return {@code keytab}
     */
    public Path createKeytab(Path keytab, String... principals) throws Exception {
        kdc.createPrincipal(keytab.toFile(), principals);
        return keytab;
    }

    /** The {@code krb5.conf} of the realm. */
    public Path krb5Conf() {
        return kdc.getKrb5conf().toPath();
    }

    /** Stops the KDC. */
    @Override
    public void close() {
        kdc.stop();
    }
}
