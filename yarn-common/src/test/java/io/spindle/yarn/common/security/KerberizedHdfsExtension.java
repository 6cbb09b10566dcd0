package io.spindle.yarn.common.security;

import io.spindle.util.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link KerberizedHdfs} for the tests of one class: started (in a new temporary directory) before
 * the first test, closed and deleted after the last. Test methods get it as a parameter:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KerberizedHdfsExtension KERBEROS = new KerberizedHdfsExtension(renewInterval, maxLifetime);
 *
 * @Test
 * void something(KerberizedHdfs cluster) { ... }
 * }</pre>
 *
 * <p>Register it on a static field. Not thread-safe: JUnit drives it from one thread.
 */
public final class KerberizedHdfsExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Duration tokenRenewInterval;
    private final Duration tokenMaxLifetime;
    private Path dir;
    private KerberizedHdfs cluster;

    /** See {@link KerberizedHdfs#start} for the two token lifetimes. */
    public KerberizedHdfsExtension(Duration tokenRenewInterval, Duration tokenMaxLifetime) {
        this.tokenRenewInterval = tokenRenewInterval;
        this.tokenMaxLifetime = tokenMaxLifetime;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("kerberized-hdfs-");
        cluster = KerberizedHdfs.start(dir, tokenRenewInterval, tokenMaxLifetime);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            cluster = null;
            FileTrees.deleteRecursively(dir);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KerberizedHdfs.class;
    }

    @Override
    public KerberizedHdfs resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (cluster == null) {
            throw new IllegalStateException("the Kerberized HDFS is not running (register the extension on a static field)");
        }
        return cluster;
    }
}
