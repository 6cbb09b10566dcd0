package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderSession;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.minicluster.ZooKeeperSasl;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * ACL {@code creator} with SASL (DIGEST-MD5): nodes Spindle creates belong to its authenticated
 * identity; a client that logs in as somebody else can neither change nor delete them.
 */
class ZooKeeperCreatorAclTest {

    private static final ZooKeeperSasl SASL;

    static {
        try {
            Path jaas = Files.createTempFile("spindle-jaas", ".conf");
            Files.writeString(jaas, """
                    Server {
                      org.apache.zookeeper.server.auth.DigestLoginModule required
                      user_alice="alice-secret"
                      user_bob="bob-secret";
                    };
                    Client {
                      org.apache.zookeeper.server.auth.DigestLoginModule required
                      username="alice"
                      password="alice-secret";
                    };
                    Intruder {
                      org.apache.zookeeper.server.auth.DigestLoginModule required
                      username="bob"
                      password="bob-secret";
                    };
                    """);
            jaas.toFile().deleteOnExit();
            SASL = ZooKeeperSasl.enable(jaas, Map.of("zookeeper.fips-mode", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private final ZooKeeperTestClients clients = new ZooKeeperTestClients();

    @AfterAll
    static void restoreProperties() {
        SASL.close();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private Configuration conf(String loginContext, String acl) {
        return ZooKeeperTestClients.config(CLUSTER.zooKeeperConnectString(), "/acl-cluster", Duration.ofSeconds(10),
                Map.of("high-availability.zookeeper.client.acl", acl, "zookeeper.sasl.login-context-name", loginContext));
    }

    @Test
    void anotherIdentityCanNeitherChangeNorDeleteTheNodes() throws Exception {
        CuratorFramework alice = clients.client(conf("Client", "creator"));
        RecordingContender contender = new RecordingContender();
        clients.register(new ZooKeeperLeaderElection(alice, "alice-jm", contender, ParticipantFinishedPredicate.NEVER,
                Duration.ofSeconds(1))).start("", "");
        await().atMost(Duration.ofSeconds(20)).until(contender::isLeading);
        LeaderSession session = contender.leading().orElseThrow();
        ZooKeeperLeaderFence.of(session.fence()).commit(List.of(alice.transactionOp().create().forPath("/jobgraphs-test", "pointer".getBytes())));

        List<ACL> acl = alice.getACL().forPath("/jobgraphs-test");
        assertThat(acl).singleElement().satisfies(a -> {
            assertThat(a.getId().getScheme()).isEqualTo("sasl");
            assertThat(a.getId().getId()).isEqualTo("alice");
        });

        CuratorFramework bob = clients.client(conf("Intruder", "open"));
        assertThatThrownBy(() -> bob.setData().forPath("/jobgraphs-test", "evil".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> bob.delete().forPath("/jobgraphs-test"))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> bob.delete().forPath(ZooKeeperLeaderFence.of(session.fence()).latchNodePath()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        // The leader information is readable by all (TaskExecutors without an identity follow it), not writable.
        assertThat(bob.getData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER)).isNotEmpty();
        assertThatThrownBy(() -> bob.setData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER, "evil".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> bob.getData().forPath("/jobgraphs-test"))
                .isInstanceOf(KeeperException.NoAuthException.class);

        assertThat(alice.getData().forPath("/jobgraphs-test")).isEqualTo("pointer".getBytes());
        assertThat(session.isValid()).isTrue();
    }

    @Test
    void openAclLetsAnyAuthenticatedClientWrite() throws Exception {
        CuratorFramework alice = clients.client(conf("Client", "open"));
        alice.create().creatingParentsIfNeeded().forPath("/open-node", "a".getBytes());
        CuratorFramework bob = clients.client(conf("Intruder", "open"));
        bob.setData().forPath("/open-node", "b".getBytes());
        assertThat(alice.getData().forPath("/open-node")).isEqualTo("b".getBytes());
    }

    @Test
    void creatorAclWithoutSaslIsAConfigurationError() {
        Configuration conf = conf("Client", "creator").withRaw("zookeeper.sasl.disable", "true");
        assertThatThrownBy(() -> new ZooKeeperClientFactory(conf))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("high-availability.zookeeper.client.acl")
                .hasMessageContaining("zookeeper.sasl.disable");
    }
}
