package io.spindle.yarn.common.security;

import io.spindle.configuration.SecurityOptions;
import io.spindle.minicluster.MiniClusterConfig;
import io.spindle.minicluster.MiniHdfs;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * A test KDC ({@link TestKdc}) and an HDFS that requires Kerberos: the
 * NameNode and DataNode log in with keytabs from the KDC, block access tokens are on, and the
 * DataNode runs on unprivileged ports without SASL ({@code ignore.secure.ports.for.testing}).
 * The user {@value #USER} has a keytab and a home directory. Every service logs in as the one
 * principal {@code hdfs/localhost} (services in one JVM share its login user), which is also the
 * ResourceManager principal, the tokens' renewer; {@link #yarnConfiguration} adds what a Kerberized
 * MiniYARNCluster needs. The service principal is an HDFS proxy user (for any user, from any host),
 * so that a ResourceManager with proxy-user privileges can obtain new tokens for its applications.
 *
 * <p>Hadoop's security settings are JVM-wide ({@link UserGroupInformation#setConfiguration}): one
 * instance per test class, closed after it ({@link KerberizedHdfsExtension} does both). Not
 * thread-safe. Also used by other modules' tests (the test-jar).
 */
public final class KerberizedHdfs implements AutoCloseable {

    /** The user with a keytab and a home directory. */
    public static final String USER = "alice";

    final TestKdc kdc;
    final MiniHdfs hdfs;
    final Path userKeytab;
    final String userPrincipal;
    final String rmPrincipal;
    final Path serviceKeytab;

    private KerberizedHdfs(TestKdc kdc, MiniHdfs hdfs, Path userKeytab, String userPrincipal, String rmPrincipal,
            Path serviceKeytab) {
        this.serviceKeytab = serviceKeytab;
        this.kdc = kdc;
        this.hdfs = hdfs;
        this.userKeytab = userKeytab;
        this.userPrincipal = userPrincipal;
        this.rmPrincipal = rmPrincipal;
    }

    /**
     * Starts the KDC and HDFS under {@code dir}.
     *
     * @param tokenRenewInterval the NameNode's delegation-token renew interval
     * @param tokenMaxLifetime the NameNode's delegation-token maximum lifetime
     */
    public static KerberizedHdfs start(Path dir, Duration tokenRenewInterval, Duration tokenMaxLifetime) throws Exception {
        TestKdc kdc = TestKdc.start(dir);
        try {
            String realm = kdc.realm();
            File serviceKeytab = kdc.createKeytab(dir.resolve("service.keytab"), "hdfs/localhost", "HTTP/localhost").toFile();
            Path userKeytab = kdc.createKeytab(dir.resolve(USER + ".keytab"), USER);
            String hdfsPrincipal = "hdfs/localhost@" + realm;
            String rmPrincipal = hdfsPrincipal;

            Configuration conf = MiniClusterConfig.builder(Files.createDirectories(dir.resolve("hadoop-tmp"))).build();
            conf.set("hadoop.security.authentication", "kerberos");
            conf.set("hadoop.security.authorization", "true");
            conf.set("hadoop.security.auth_to_local", "RULE:[1:$1@$0](.*@" + realm + ")s/@.*//\n"
                    + "RULE:[2:$1@$0](.*@" + realm + ")s/@.*//\nDEFAULT");
            conf.set("dfs.namenode.kerberos.principal", hdfsPrincipal);
            conf.set("dfs.namenode.keytab.file", serviceKeytab.getAbsolutePath());
            conf.set("dfs.datanode.kerberos.principal", hdfsPrincipal);
            conf.set("dfs.datanode.keytab.file", serviceKeytab.getAbsolutePath());
            conf.set("dfs.web.authentication.kerberos.principal", "HTTP/localhost@" + realm);
            conf.set("dfs.web.authentication.kerberos.keytab", serviceKeytab.getAbsolutePath());
            conf.setBoolean("dfs.block.access.token.enable", true);
            conf.setBoolean("ignore.secure.ports.for.testing", true);
            conf.set("dfs.http.policy", "HTTP_ONLY");
            conf.set("dfs.namenode.rpc-address", "localhost:0");
            conf.set("dfs.datanode.address", "localhost:0");
            conf.set("dfs.datanode.http.address", "localhost:0");
            conf.set("dfs.datanode.ipc.address", "localhost:0");
            conf.set("dfs.namenode.http-address", "localhost:0");
            conf.setLong("dfs.namenode.delegation.token.renew-interval", tokenRenewInterval.toMillis());
            conf.setLong("dfs.namenode.delegation.token.max-lifetime", tokenMaxLifetime.toMillis());
            conf.set("yarn.resourcemanager.hostname", "localhost");
            conf.set("yarn.resourcemanager.principal", rmPrincipal);
            // The ResourceManager (hdfs/localhost, short name hdfs) may obtain tokens for the users of
            // its applications, when it has proxy-user privileges (see yarnConfiguration).
            conf.set("hadoop.proxyuser.hdfs.hosts", "*");
            conf.set("hadoop.proxyuser.hdfs.groups", "*");
            UserGroupInformation.setConfiguration(conf);

            MiniHdfs hdfs = MiniHdfs.start(conf, dir.resolve("hdfs"), 0);
            UserGroupInformation superUser = UserGroupInformation.loginUserFromKeytabAndReturnUGI(hdfsPrincipal,
                    serviceKeytab.getAbsolutePath());
            superUser.doAs((java.security.PrivilegedExceptionAction<Void>) () -> {
                try (FileSystem fs = FileSystem.newInstance(hdfs.configuration())) {
                    org.apache.hadoop.fs.Path home = new org.apache.hadoop.fs.Path("/user/" + USER);
                    fs.mkdirs(home, new FsPermission((short) 0755));
                    fs.setOwner(home, USER, USER);
                }
                return null;
            });
            return new KerberizedHdfs(kdc, hdfs, userKeytab, USER + "@" + realm, rmPrincipal, serviceKeytab.toPath());
        } catch (Exception | Error e) {
            kdc.close();
            throw e;
        }
    }

    /** The Hadoop configuration of a client: HDFS's address and the security settings. */
    public Configuration clientConf() {
        return hdfs.configuration();
    }

    /**
     * {@link #clientConf} plus a Kerberized YARN's settings: ResourceManager and NodeManager log in
     * as the service principal; containers find the KDC's {@code krb5.conf} through
     * {@code JAVA_TOOL_OPTIONS} (standing in for the nodes' {@code /etc/krb5.conf}).
     */
    public Configuration yarnConfiguration() {
        Configuration conf = clientConf();
        String keytab = serviceKeytab.toString();
        conf.set("yarn.resourcemanager.keytab", keytab);
        conf.set("yarn.nodemanager.principal", rmPrincipal);
        conf.set("yarn.nodemanager.keytab", keytab);
        String http = kdc.principal("HTTP/localhost");
        conf.set("yarn.resourcemanager.webapp.spnego-principal", http);
        conf.set("yarn.resourcemanager.webapp.spnego-keytab-file", keytab);
        conf.set("yarn.nodemanager.webapp.spnego-principal", http);
        conf.set("yarn.nodemanager.webapp.spnego-keytab-file", keytab);
        conf.set("yarn.nodemanager.admin-env", "MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX,JAVA_TOOL_OPTIONS="
                + "-Djava.security.krb5.conf=" + kdc.krb5Conf().toAbsolutePath());
        return conf;
    }

    /** A client configuration that logs in from {@code keytab} as {@code principal}. */
    public static io.spindle.configuration.Configuration keytabLogin(Path keytab, String principal) {
        return io.spindle.configuration.Configuration.empty()
                .with(SecurityOptions.KERBEROS_LOGIN_KEYTAB, keytab.toString())
                .with(SecurityOptions.KERBEROS_LOGIN_PRINCIPAL, principal);
    }

    /** A client configuration that logs in as {@value #USER} from the user's keytab. */
    public io.spindle.configuration.Configuration userLogin() {
        return keytabLogin(userKeytab, userPrincipal);
    }

    /** Writes {@code text} (UTF-8) as {@code user} into a new HDFS file {@code file}. */
    public static void writeAs(UserGroupInformation user, Configuration conf, org.apache.hadoop.fs.Path file,
            String text) throws Exception {
        KerberosLogin.doAs(user, () -> {
            try (FileSystem fs = FileSystem.newInstance(conf); OutputStream out = fs.create(file)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    /** The KDC, for more principals (e.g. a Kerberized ZooKeeper's). */
    public TestKdc kdc() {
        return kdc;
    }

    /** The user's keytab. */
    public Path userKeytab() {
        return userKeytab;
    }

    /** The user's principal, {@code alice@REALM}. */
    public String userPrincipal() {
        return userPrincipal;
    }

    /** HDFS, {@code hdfs://localhost:port}. */
    public java.net.URI hdfsUri() {
        return hdfs.uri();
    }

    /** Stops HDFS and the KDC, and resets Hadoop's JVM-wide security settings. */
    @Override
    public void close() {
        try {
            hdfs.close();
        } finally {
            kdc.close();
            UserGroupInformation.reset();
        }
    }
}
