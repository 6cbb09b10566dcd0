package io.spindle.minicluster;

import static io.spindle.minicluster.ZooKeeperTestClients.bytes;
import static io.spindle.minicluster.ZooKeeperTestClients.connectedClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperEnsembleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aStoppedMemberRestartsOnItsPortWithTheQuorumsData() throws Exception {
        try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(dir, 3, ZooKeeperSettings.defaults());
             CuratorFramework client = connectedClient(ensemble.connectString(), 4_000)) {
            assertThat(ensemble.members()).hasSize(3).allSatisfy(m -> assertThat(m.isServing()).isTrue());
            assertThat(ensemble.members()).extracting(EnsembleMember::id).containsExactly(1L, 2L, 3L);
            assertThat(ensemble.connectString().split(",")).hasSize(3);
            client.create().forPath("/it", bytes("v1"));

            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            EnsembleMember connected = ensemble.memberServing(session).orElseThrow();
            assertThat(ensemble.members().stream().filter(m -> m.servesSession(session))).hasSize(1);
            connected.stop();
            assertThat(connected.isRunning()).isFalse();

            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                client.setData().forPath("/it", bytes("v2"));
                assertThat(ensemble.memberServing(session)).isPresent().get().isNotSameAs(connected);
            });

            connected.restart();
            try (CuratorFramework direct = connectedClient(connected.connectString(), 4_000)) {
                await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                    direct.sync().forPath("/it");
                    assertThat(direct.getData().forPath("/it")).asString(StandardCharsets.UTF_8).isEqualTo("v2");
                });
            }
            assertThat(connected.isServing()).isTrue();
        }
    }

    @Test
    void sizeMustBePositive() {
        assertThatThrownBy(() -> ZooKeeperEnsemble.start(dir, 0, ZooKeeperSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
