package io.spindle.yarn.common.security;

import static io.spindle.yarn.common.security.KerberizedHdfs.keytabLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.SecurityOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.HadoopKerberosName;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keytab login and delegation tokens against a real KDC and an HDFS that requires Kerberos: the
 * tokens a keytab user obtains are for the ResourceManager as renewer, and let a user without any
 * Kerberos credential use HDFS (as a container does); the user's mistakes are one-line errors
 * naming the key and the file.
 */
class KerberosLoginTest {

    private static final Duration RENEW_INTERVAL = Duration.ofSeconds(30);
    private static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

    @RegisterExtension
    static final KerberizedHdfsExtension KERBEROS = new KerberizedHdfsExtension(RENEW_INTERVAL, MAX_LIFETIME);

    @TempDir
    Path dir;

    @Test
    void keytabLoginObtainsTokensThatAUserWithoutKerberosCanUse(KerberizedHdfs cluster) throws Exception {
        org.apache.hadoop.conf.Configuration conf = cluster.clientConf();
        UserGroupInformation alice = KerberosLogin.of(cluster.userLogin()).login(conf);
        assertThat(alice.getUserName()).isEqualTo(cluster.userPrincipal);
        assertThat(alice.hasKerberosCredentials()).isTrue();

        String renewer = DelegationTokens.resourceManagerRenewer(conf);
        assertThat(renewer).isEqualTo("hdfs/localhost@" + cluster.kdc.realm());
        Instant before = Instant.now();
        Credentials tokens = KerberosLogin.doAs(alice,
                () -> DelegationTokens.obtainFileSystemTokens(conf, renewer, List.of(cluster.hdfs.uri())));

        assertThat(tokens.getAllTokens()).hasSize(1);
        Token<?> token = tokens.getAllTokens().iterator().next();
        assertThat(token.getKind()).isEqualTo(DelegationTokens.HDFS_DELEGATION_KIND);
        AbstractDelegationTokenIdentifier id = (AbstractDelegationTokenIdentifier) token.decodeIdentifier();
        assertThat(id.getOwner().toString()).isEqualTo(cluster.userPrincipal);
        assertThat(id.getRenewer()).isEqualTo(new Text(new HadoopKerberosName(renewer).getShortName()));
        assertThat(DelegationTokens.earliestMaxDate(tokens)).hasValueSatisfying(max -> assertThat(max)
                .isBetween(before.plus(MAX_LIFETIME).minusSeconds(5), Instant.now().plus(MAX_LIFETIME)));

        // A container's user: no Kerberos credentials, only the tokens.
        UserGroupInformation container = UserGroupInformation.createRemoteUser(KerberizedHdfs.USER);
        container.addCredentials(tokens);
        assertThat(container.hasKerberosCredentials()).isFalse();
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/user/" + KerberizedHdfs.USER + "/written-with-a-token");
        KerberizedHdfs.writeAs(container, conf, file, "counted");
        try (FileSystem fs = KerberosLogin.doAs(alice, () -> FileSystem.newInstance(conf))) {
            assertThat(fs.getFileStatus(file).getLen()).isEqualTo(7);
        }

        // Without the tokens the same user is refused: the cluster really needs them.
        UserGroupInformation stranger = UserGroupInformation.createRemoteUser(KerberizedHdfs.USER);
        assertThatThrownBy(() -> KerberosLogin.doAs(stranger, () -> {
            try (FileSystem fs = FileSystem.newInstance(conf)) {
                return fs.getFileStatus(file);
            }
        })).hasStackTraceContaining("authenticate");
    }

    @Test
    void measuresTheRenewIntervalAndRefreshesBeforeThreeQuartersOfIt(KerberizedHdfs cluster) throws Exception {
        org.apache.hadoop.conf.Configuration conf = cluster.clientConf();
        UserGroupInformation alice = KerberosLogin.of(cluster.userLogin()).login(conf);
        URI hdfs = cluster.hdfs.uri();
        Duration interval = KerberosLogin.doAs(alice, () -> DelegationTokens.renewInterval(conf, hdfs)).orElseThrow();
        assertThat(interval).isBetween(RENEW_INTERVAL.minusSeconds(5), RENEW_INTERVAL.plusSeconds(1));

        Credentials tokens = KerberosLogin.doAs(alice, () -> DelegationTokens.obtainFileSystemTokens(conf,
                DelegationTokens.resourceManagerRenewer(conf), List.of()));
        AbstractDelegationTokenIdentifier id =
                (AbstractDelegationTokenIdentifier) tokens.getAllTokens().iterator().next().decodeIdentifier();
        Instant refresh = DelegationTokens.refreshTime(tokens, interval).orElseThrow();
        assertThat(Duration.between(Instant.ofEpochMilli(id.getIssueDate()), refresh))
                .isEqualTo(Duration.ofMillis((long) (interval.toMillis() * DelegationTokens.REFRESH_RATIO)));
    }

    @Test
    void aNewAttemptKeepsItsAmTokenAndTheSecretAndContainersGetTheFileSystemTokens(KerberizedHdfs cluster) throws Exception {
        org.apache.hadoop.conf.Configuration conf = cluster.clientConf();
        UserGroupInformation alice = KerberosLogin.of(cluster.userLogin()).login(conf);
        Credentials launch = KerberosLogin.doAs(alice, () -> DelegationTokens.obtainFileSystemTokens(conf,
                DelegationTokens.resourceManagerRenewer(conf), List.of()));
        launch.addSecretKey(new Text("spindle.cluster.secret"), new byte[32]);
        Token<?> other = new Token<>(new byte[0], new byte[0], DelegationTokens.AM_RM_KIND, new Text("rm:8030"));
        launch.addToken(new Text("am-rm"), other);

        Credentials kept = DelegationTokens.withoutDelegationTokens(launch);

        assertThat(kept.getAllTokens()).containsExactly(other);
        assertThat(kept.getSecretKey(new Text("spindle.cluster.secret"))).hasSize(32);
        Credentials containers = DelegationTokens.forContainers(launch);
        assertThat(containers.getAllTokens()).hasSize(1)
                .allSatisfy(t -> assertThat(t.getKind()).isEqualTo(DelegationTokens.HDFS_DELEGATION_KIND));
        assertThat(containers.getSecretKey(new Text("spindle.cluster.secret"))).hasSize(32);
    }

    @Test
    void aMissingKeytabIsOneLineNamingTheKeyAndTheFile(KerberizedHdfs cluster) {
        Path missing = dir.resolve("no-such.keytab");
        assertThatThrownBy(() -> KerberosLogin.of(keytabLogin(missing, cluster.userPrincipal)).login(cluster.clientConf()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("The keytab " + missing + " ('security.kerberos.login.keytab') does not exist");
    }

    @Test
    void aKeytabThatIsADirectoryIsRefused(KerberizedHdfs cluster) {
        assertThatThrownBy(() -> KerberosLogin.of(keytabLogin(dir, cluster.userPrincipal)).login(cluster.clientConf()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("The keytab " + dir + " ('security.kerberos.login.keytab') is not a file");
    }

    @Test
    void anUnreadableKeytabIsRefused(KerberizedHdfs cluster) throws Exception {
        Path unreadable = Files.copy(cluster.userKeytab, dir.resolve("unreadable.keytab"));
        assertThat(unreadable.toFile().setReadable(false, false)).isTrue();
        assumeFalse(Files.isReadable(unreadable), "root reads files without read permission");
        assertThatThrownBy(() -> KerberosLogin.of(keytabLogin(unreadable, cluster.userPrincipal)).login(cluster.clientConf()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("The keytab " + unreadable + " ('security.kerberos.login.keytab') is not readable by this user");
    }

    @Test
    void aPrincipalNotInTheKeytabIsRefusedBeforeTheKdcIsAsked(KerberizedHdfs cluster) {
        String bob = "bob@" + cluster.kdc.realm();
        assertThatThrownBy(() -> KerberosLogin.of(keytabLogin(cluster.userKeytab, bob)).login(cluster.clientConf()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("The keytab " + cluster.userKeytab + " ('security.kerberos.login.keytab') holds no key of the"
                        + " principal " + bob + " ('security.kerberos.login.principal')");
    }

    @Test
    void aKeytabWithoutPrincipalAndTheReverseAreRefused(KerberizedHdfs cluster) {
        assertThatThrownBy(() -> KerberosLogin.of(Configuration.empty()
                .with(SecurityOptions.KERBEROS_LOGIN_KEYTAB, cluster.userKeytab.toString())))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'security.kerberos.login.principal' is not");
        assertThatThrownBy(() -> KerberosLogin.of(Configuration.empty()
                .with(SecurityOptions.KERBEROS_LOGIN_PRINCIPAL, cluster.userPrincipal)))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'security.kerberos.login.keytab' is not");
    }

    @Test
    void withoutKeytabAndWithoutTicketCacheAKerberizedClusterIsRefused(KerberizedHdfs cluster) {
        assertThatThrownBy(() -> KerberosLogin.of(Configuration.empty()
                .with(SecurityOptions.KERBEROS_LOGIN_USE_TICKET_CACHE, false)).login(cluster.clientConf()))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("'security.kerberos.login.keytab' is set nor is the ticket cache allowed");
    }
}
