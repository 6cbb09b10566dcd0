package io.spindle.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ZooKeeper connection metrics follow the HA services' own session while the real server stops
 * and starts again.
 */
class HaConnectionMetricsTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    @Test
    void theGaugeDropsWhileZooKeeperIsDownAndTheChangesAreCounted() throws Exception {
        Map<String, String> values = RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                CLUSTER.workDir().resolve("ha").toUri().toString(), "connection-metrics");
        values.put("high-availability.zookeeper.client.session-timeout", "30 s");
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ZooKeeperHaServices ha = ZooKeeperHaServices.create(RuntimeConfig.of(values),
                new org.apache.hadoop.conf.Configuration());
                HaConnectionMetrics metrics = HaConnectionMetrics.watch(ha, registry)) {
            assertThat(connected(registry)).isEqualTo(1);

            CLUSTER.zooKeeperServer().stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> connected(registry) == 0);
            assertThat(changes(registry, "SUSPENDED")).isEqualTo(1);

            CLUSTER.zooKeeperServer().restart();
            await().atMost(Duration.ofSeconds(30)).until(() -> connected(registry) == 1);
            assertThat(changes(registry, "RECONNECTED")).isEqualTo(1);
            assertThat(changes(registry, "LOST")).isZero();
        }
    }

    private static double connected(MeterRegistry registry) {
        return registry.get("spindle.zookeeper.connected").gauge().value();
    }

    private static double changes(MeterRegistry registry, String state) {
        return registry.get("spindle.zookeeper.connection.state.changes").tag("state", state).counter().count();
    }
}
