package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.testing.ContainerProcesses;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real headless browser, reached the way an operator reaches it: through the
 * ResourceManager's web proxy, at the tracking URL the ResourceManager reports. A session on
 * MiniYARN runs a counting job; the page shows the leader, the running job and its checkpoints;
 * after the AM is killed with SIGKILL, attempt 2 leads and the failover history shows attempt 1 and
 * attempt 2. Screenshots go to {@code target/}.
 */
class DashboardBrowserTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;

    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final YarnE2eFixture E2E = new YarnE2eFixture();

    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Map<String, String> values() {
        Map<String, String> values = YarnE2eCluster.quickRecoveryValues(CLUSTER);
        values.put("execution.checkpointing.interval", "500 ms");
        values.put("high-availability.zookeeper.client.session-timeout", "60 s");
        return values;
    }

    private static String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    @Test
    void throughTheProxyItShowsTheLeaderTheJobItsCheckpointsAndAfterAKillBothAttempts() throws Exception {
        try (YarnClusterDeployer deployer = YarnE2eCluster.deployer(CLUSTER.hadoopConf())
                .console(System.out::println)
                .build()) {
            ClusterHandle session = deployer.deploySession(Configuration.fromMap(values()));
            ApplicationId app = E2E.started(session.applicationId());
            YarnE2eCluster.owner(deployer, session).submit(E2E.jar(), CountingJob.class.getName(),
                    List.of("--output", CLUSTER.hdfsUri() + "/out/dashboard", "--count", "1000000",
                            "--step-delay-ms", "5"), 2, "dashboard-counting");
            String trackingUrl = YarnE2eCluster.proxyUrl(CLUSTER, app);
            assertThat(trackingUrl).as("the ResourceManager's proxy URL").endsWith("/proxy/" + app + "/");

            WebDriver page = browser.driver();
            page.get(trackingUrl);
            browser.await("leader", ExpectedConditions.textToBe(By.id("role"), "leader"), PAGE_WAIT);
            browser.await("checkpoints", ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".job[data-state='RUNNING'] tr.checkpoint[data-status='COMPLETED']")), PAGE_WAIT);
            browser.await("log-links", ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr.taskexecutor a")), PAGE_WAIT);
            assertThat(text("#cluster-id")).isEqualTo(app.toString());
            assertThat(text("#attempt")).endsWith("_000001");
            assertThat(text("#zookeeper")).isEqualTo("CONNECTED");
            assertThat(text(".job h3")).contains("dashboard-counting");
            assertThat(page.findElements(By.cssSelector(".job svg.chart rect"))).isNotEmpty();
            assertThat(page.findElements(By.cssSelector("tr.failover"))).hasSize(1);
            browser.screenshot(Path.of("target", "dashboard.png"));

            ApplicationAttemptId first = CLUSTER.yarnClient().getApplicationReport(app).getCurrentApplicationAttemptId();
            ContainerId amContainer = CLUSTER.yarnClient().getApplicationAttemptReport(first).getAMContainerId();
            ContainerProcesses.killJvm(CLUSTER.yarnCluster(), amContainer, Duration.ofSeconds(30));
            YarnApps.awaitAttempt(CLUSTER.yarnClient(), app, 2, Duration.ofSeconds(60), YarnApplicationAttemptState.RUNNING);
            await("attempt 2 leads").atMost(Duration.ofSeconds(60)).until(() -> YarnE2eCluster.leader(E2E.zk(), app)
                    .map(info -> info.participantId().endsWith("_000002")).orElse(false));

            page.navigate().refresh();
            browser.await("failover-history", ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("tr.failover"), 2), PAGE_WAIT);
            browser.await("resumed", ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".job[data-state='RUNNING'] tr.checkpoint")), PAGE_WAIT);
            assertThat(text("#attempt")).endsWith("_000002");
            assertThat(page.findElements(By.cssSelector("tr.failover td.attempt")))
                    .extracting(cell -> cell.getText().replaceAll(".*_", ""))
                    .containsExactly("000002", "000001");
            assertThat(text("tr.failover")).as("why attempt 1 ended").contains(first + " finished");
            browser.screenshot(Path.of("target", "dashboard-failover.png"));
        }
    }
}
