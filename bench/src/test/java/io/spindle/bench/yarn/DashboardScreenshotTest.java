package io.spindle.bench.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.TestClusterSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's screenshot of a live dashboard (a standalone JobManager on a real ZooKeeper), and the
 * dashboard URL it prints when the ResourceManager reports port 0.
 */
class DashboardScreenshotTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    @Test
    void aProxyUrlWithoutItsPortIsTakenFromTheClientConfiguration() {
        assertThat(DashboardUrl.proxyUrl("rm-host:8088", ApplicationId.newInstance(1700000000000L, 7)))
                .isEqualTo("http://rm-host:8088/proxy/application_1700000000000_0007/");
    }

    @Test
    void chromiumSavesThePageWithItsData() throws Exception {
        Assumptions.assumeTrue(DashboardScreenshot.find().isPresent(), "chromium is not installed: the demo skips its screenshot too");
        Configuration conf = Configuration.fromMap(Map.of(
                "high-availability.type", "zookeeper",
                "high-availability.zookeeper.quorum", CLUSTER.zooKeeperConnectString(),
                "high-availability.storageDir", CLUSTER.workDir().resolve("ha").toUri().toString(),
                "high-availability.cluster-id", "screenshot",
                TestClusterSecrets.KEY, TestClusterSecrets.sharedFile().toString()));
        try (JobManagerProcess jm = JobManagerProcess.start(new JobManagerProcess.Settings(conf,
                new org.apache.hadoop.conf.Configuration(), "jm-1", "standalone", ParticipantFinishedPredicate.NEVER,
                ResourceDriver.STANDALONE, "127.0.0.1", 0, null, CLUSTER.workDir().resolve("jm")))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> jm.jobManager().overview().leader());

            Path png = DashboardScreenshot.find().orElseThrow().take("http://127.0.0.1:" + jm.restPort() + "/",
                    Path.of("target", "dashboard-screenshot-test.png"));

            assertThat(Files.size(png)).isGreaterThan(10_000);
            byte[] header = Files.readAllBytes(png);
            assertThat(new String(header, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }
}
