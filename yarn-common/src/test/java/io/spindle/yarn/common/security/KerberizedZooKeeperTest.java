package io.spindle.yarn.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.ZooKeeperAuthenticationException;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.security.KerberosJaasConfiguration;
import io.spindle.security.KerberosLoginContexts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZooKeeper with SASL/GSSAPI against a test KDC ({@link KerberizedZooKeeper}: the server logs in as
 * {@code zookeeper/localhost} from a JAAS {@code Server} section in a file), Spindle's client as {@code alice} from her keytab
 * through {@code security.kerberos.login.contexts} ({@link KerberosLoginContexts}), a foreign client
 * as {@code bob} (a section of the same file, which the installed configuration must still answer).
 *
 * <p>JAAS, the KDC's {@code krb5.conf} and ZooKeeper's authentication providers are JVM-wide: this
 * class runs in a surefire JVM of its own (the {@code kerberized} execution).
 */
class KerberizedZooKeeperTest {

    @TempDir
    static Path dir;

    private static TestKdc kdc;
    private static KerberizedZooKeeper zooKeeper;
    private static Path aliceKeytab;

    private final List<CuratorFramework> clients = new ArrayList<>();

    @BeforeAll
    static void startKdcAndZooKeeper() throws Exception {
        kdc = TestKdc.start(dir);
        aliceKeytab = kdc.createKeytab(dir.resolve("alice.keytab"), "alice");
        zooKeeper = KerberizedZooKeeper.start(kdc, dir.resolve("zk"), Map.of("Intruder", "bob"));
    }

    @AfterAll
    static void stopAll() {
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        if (kdc != null) {
            kdc.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(CuratorFramework::close);
    }

    private static Configuration conf(String clusterId, Map<String, String> extra) {
        Configuration conf = Configuration.empty()
                .withRaw(HighAvailabilityOptions.TYPE.key(), "zookeeper")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_QUORUM.key(), zooKeeper.connectString())
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_ROOT.key(), "/spindle-krb")
                .withRaw(HighAvailabilityOptions.CLUSTER_ID.key(), clusterId)
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT.key(), "10 s")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_ACL.key(), "creator")
                .withRaw("security.kerberos.login.contexts", "Client")
                .withRaw("security.kerberos.login.keytab", aliceKeytab.toString())
                .withRaw("security.kerberos.login.principal", kdc.principal("alice"));
        for (Map.Entry<String, String> e : extra.entrySet()) {
            conf = conf.withRaw(e.getKey(), e.getValue());
        }
        return conf;
    }

    private CuratorFramework start(Configuration conf) throws Exception {
        CuratorFramework client = new ZooKeeperClientFactory(conf).startClusterClient();
        clients.add(client);
        return client;
    }

    @Test
    void theKeytabGoesToTheListedContextsAndOtherContextsStayAnswered() {
        KerberosLoginContexts.install(conf("/any", Map.of()));
        javax.security.auth.login.Configuration jaas = javax.security.auth.login.Configuration.getConfiguration();
        assertThat(jaas).isInstanceOf(KerberosJaasConfiguration.class);
        assertThat(jaas.getAppConfigurationEntry("Client")).singleElement().satisfies(entry -> {
            assertThat(entry.getLoginModuleName()).isEqualTo("com.sun.security.auth.module.Krb5LoginModule");
            assertThat(Map.<String, Object>copyOf(entry.getOptions())).containsEntry("keyTab", aliceKeytab.toAbsolutePath().toString())
                    .containsEntry("principal", kdc.principal("alice"))
                    .containsEntry("useKeyTab", "true");
        });
        assertThat(jaas.getAppConfigurationEntry("Intruder")).singleElement()
                .satisfies(entry -> assertThat(Map.<String, Object>copyOf(entry.getOptions())).containsEntry("principal", kdc.principal("bob")));
        assertThat(jaas.getAppConfigurationEntry("KafkaClient")).isNull();

        KerberosLoginContexts.install(conf("/any", Map.of()));
        assertThat(((KerberosJaasConfiguration) javax.security.auth.login.Configuration.getConfiguration()).previous())
                .get().isNotInstanceOf(KerberosJaasConfiguration.class);
    }

    @Test
    void nodesCarryTheKerberosIdentityAndAForeignPrincipalGetsNoAuth() throws Exception {
        CuratorFramework alice = start(conf("/creator", Map.of()));
        alice.create().creatingParentsIfNeeded().forPath("/jobgraphs/job-1", "pointer".getBytes());
        alice.create().creatingParentsIfNeeded().forPath(ZooKeeperLayout.JOBMANAGER_LEADER, "leader".getBytes());

        List<ACL> acl = alice.getACL().forPath("/jobgraphs/job-1");
        assertThat(acl).singleElement().satisfies(a -> {
            assertThat(a.getId().getScheme()).isEqualTo("sasl");
            assertThat(a.getId().getId()).isEqualTo(kdc.principal("alice"));
            assertThat(a.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
        });

        CuratorFramework bob = start(conf("/creator", Map.of("zookeeper.sasl.login-context-name", "Intruder")));
        assertThatThrownBy(() -> bob.getData().forPath("/jobgraphs/job-1")).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> bob.setData().forPath("/jobgraphs/job-1", "evil".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> bob.delete().forPath("/jobgraphs/job-1")).isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> bob.setData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER, "evil".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> bob.create().forPath(ZooKeeperLayout.LEADER + "/fake", "evil".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThat(alice.getData().forPath("/jobgraphs/job-1")).isEqualTo("pointer".getBytes());
    }

    @Test
    void aTaskExecutorWithoutKerberosIdentityReadsTheLeaderButNothingElse() throws Exception {
        CuratorFramework alice = start(conf("/reader", Map.of()));
        // As the leader publishes itself (LeaderInfoZnode): a container parent, an ephemeral node in a transaction.
        alice.createContainers(ZooKeeperLayout.LEADER);
        alice.transaction().forOperations(alice.transactionOp().create().withMode(CreateMode.EPHEMERAL)
                .forPath(ZooKeeperLayout.JOBMANAGER_LEADER, "leader".getBytes()));
        alice.create().creatingParentsIfNeeded().forPath("/jobgraphs/job-1", "pointer".getBytes());

        // A YARN TaskExecutor: same configuration, but the keytab is not on its host (the JVM-wide
        // JAAS configuration is alice's here, so the missing keytab is modelled by no SASL at all).
        CuratorFramework taskExecutor = start(conf("/reader", Map.of("zookeeper.sasl.disable", "true",
                HighAvailabilityOptions.ZOOKEEPER_ACL.key(), "open")));
        // ZooKeeper checks READ on each node the namespace passes through (Curator's ensurePath asks exists).
        assertThat(taskExecutor.getZookeeperClient().getZooKeeper().exists("/spindle-krb/reader", false)).isNotNull();
        assertThat(taskExecutor.getData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER)).isEqualTo("leader".getBytes());
        assertThatThrownBy(() -> taskExecutor.setData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER, "evil".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> taskExecutor.getData().forPath("/jobgraphs/job-1"))
                .isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void aWrongServiceNameIsOneErrorNamingTheKeyAndCreatesNothing() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> start(conf("/wrong-service", Map.of("zookeeper.sasl.service-name", "zk-wrong"))))
                .isInstanceOf(ZooKeeperAuthenticationException.class)
                .hasMessageContaining("'zk-wrong' ('zookeeper.sasl.service-name'")
                .hasMessageContaining(zooKeeper.connectString())
                .hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        // A JobManager's start (its daemon reports the message and exits 3).
        assertThatThrownBy(() -> ZooKeeperHaServices.create(conf("/wrong-service", Map.of("zookeeper.sasl.service-name",
                "zk-wrong")), new org.apache.hadoop.conf.Configuration(false)).close())
                .isInstanceOf(ZooKeeperAuthenticationException.class)
                .hasMessageContaining("'zookeeper.sasl.service-name'");

        CuratorFramework alice = start(conf("/any", Map.of()));
        assertThat(alice.getZookeeperClient().getZooKeeper().exists("/spindle-krb/wrong-service", false)).isNull();
    }
}
