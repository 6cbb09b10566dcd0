package io.spindle.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.entrypoint.TaskExecutorProcess;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.runtime.testing.ExamplesJar;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scrapes {@code GET /metrics} of a leading and a standby JobManager and of a TaskExecutor, on a
 * real ZooKeeper with a local storageDir, while a counting job runs, and parses every scrape
 * strictly.
 */
class MetricsScrapeTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static JobManagerProcess leader;
    private static JobManagerProcess standby;
    private static TaskExecutorProcess taskExecutor;

    @BeforeAll
    static void startClusterAndJob() throws Exception {
        Path work = CLUSTER.workDir();
        Configuration conf = RuntimeConfig.of(RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                work.resolve("ha").toUri().toString(), "metrics"));
        leader = start(conf, "jm-1", work.resolve("jm-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> leader.jobManager().overview().leader());
        standby = start(conf, "jm-2", work.resolve("jm-2"));
        taskExecutor = TaskExecutorProcess.start(conf, new org.apache.hadoop.conf.Configuration(), "", work.resolve("te"));
        CLOSE.add(taskExecutor);
        await().atMost(Duration.ofSeconds(30)).until(() -> leader.jobManager().overview().slotsTotal() == 2);
        Path jar = ExamplesJar.locate(work);
        leader.jobManager().submit(new JobSubmission("counting", jar, CountingJob.class.getName(),
                ExamplesJar.countingArgs(work.resolve("out").toUri().toString(), 1_000_000, 5), 2)).get();
    }

    private static JobManagerProcess start(Configuration conf, String id, Path dir) throws Exception {
        JobManagerProcess process = JobManagerProcess.start(new JobManagerProcess.Settings(conf, new org.apache.hadoop.conf.Configuration(),
                id, "standalone", ParticipantFinishedPredicate.NEVER, ResourceDriver.STANDALONE, "127.0.0.1", 0, null,
                dir));
        CLOSE.add(process);
        return process;
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
    }

    private static Scrape scrape(JobManagerProcess jm) throws Exception {
        return Scrape.of("http://127.0.0.1:" + jm.restPort() + "/metrics");
    }

    @Test
    void theLeaderReportsLeadershipJobsSlotsAndGrowingCheckpointCounts() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape(leader)
                .value("spindle_checkpoint_duration_seconds_count") >= 1);
        Scrape first = scrape(leader);

        assertThat(first.value("spindle_jobmanager_leader")).isEqualTo(1);
        assertThat(first.type("spindle_jobmanager_leader")).isEqualTo("gauge");
        assertThat(first.value("spindle_jobmanager_leadership_grants_total")).isEqualTo(1);
        assertThat(first.type("spindle_jobmanager_leadership_grants_total")).isEqualTo("counter");
        assertThat(first.value("spindle_jobmanager_time_to_lead_seconds")).isBetween(0.0, 30.0);
        assertThat(first.value("spindle_jobs", Map.of("state", "RUNNING"))).isEqualTo(1);
        assertThat(first.value("spindle_jobs", Map.of("state", "FAILED"))).isZero();
        assertThat(first.value("spindle_taskexecutors_registered")).isEqualTo(1);
        assertThat(first.value("spindle_slots")).isEqualTo(2);
        assertThat(first.value("spindle_slots_free")).isZero();
        assertThat(first.type("spindle_checkpoint_duration_seconds")).isEqualTo("histogram");
        assertThat(first.value("spindle_checkpoint_duration_seconds_bucket", Map.of("le", "+Inf")))
                .isEqualTo(first.value("spindle_checkpoint_duration_seconds_count"));
        assertThat(first.value("spindle_checkpoint_failures_total")).isGreaterThanOrEqualTo(0);
        assertThat(first.value("spindle_job_restarts_total")).isZero();
        assertThat(first.value("spindle_zookeeper_connected")).isEqualTo(1);
        assertThat(first.value("spindle_zookeeper_connection_state_changes_total", Map.of("state", "SUSPENDED")))
                .isZero();
        assertThat(first.value("jvm_memory_used_bytes", Map.of("area", "heap", "id", edenPool())))
                .isPositive();

        double count = first.value("spindle_checkpoint_duration_seconds_count");
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape(leader)
                .value("spindle_checkpoint_duration_seconds_count") > count);
        assertThat(scrape(leader).value("spindle_checkpoint_duration_seconds_sum")).isPositive();
    }

    @Test
    void aStandbyReportsNoLeadershipAndNoJobs() throws Exception {
        Scrape scrape = scrape(standby);

        assertThat(scrape.value("spindle_jobmanager_leader")).isZero();
        assertThat(scrape.value("spindle_jobmanager_leadership_grants_total")).isZero();
        assertThat(scrape.value("spindle_jobmanager_time_to_lead_seconds")).isNaN();
        assertThat(scrape.value("spindle_jobs", Map.of("state", "RUNNING"))).isZero();
        assertThat(scrape.value("spindle_taskexecutors_registered")).isZero();
        assertThat(scrape.value("spindle_checkpoint_duration_seconds_count")).isZero();
        assertThat(scrape.value("spindle_zookeeper_connected")).isEqualTo(1);
    }

    @Test
    void theTaskExecutorReportsItsSlotsTasksAndRegistration() throws Exception {
        String url = "http://127.0.0.1:" + taskExecutor.metricsPort() + "/metrics";
        await().atMost(Duration.ofSeconds(30)).until(() -> Scrape.of(url)
                .value("spindle_taskexecutor_tasks_running") == 2);
        Scrape scrape = Scrape.of(url);

        assertThat(scrape.value("spindle_taskexecutor_slots")).isEqualTo(2);
        assertThat(scrape.value("spindle_taskexecutor_registered")).isEqualTo(1);
        assertThat(scrape.value("spindle_taskexecutor_leader_heartbeat_age_seconds")).isBetween(0.0, 3.0);
        assertThat(scrape.value("spindle_zookeeper_connected")).isEqualTo(1);
        assertThat(scrape.type("jvm_threads_live_threads")).isEqualTo("gauge");
    }

    @Test
    void theParserRefusesMalformedScrapes() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("x 1\n")).hasMessageContaining("no declared family");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=\"1\" 1\n"))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx one\n")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                + "h_bucket{le=\"+Inf\"} 1\nh_count 1\n")).hasMessageContaining("not cumulative");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx 1\nx 2\n")).hasMessageContaining("repeated");
    }

    /** The name of this JVM's eden pool ("G1 Eden Space", "Eden Space", ...: it depends on the collector). */
    private static String edenPool() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .map(java.lang.management.MemoryPoolMXBean::getName).filter(name -> name.contains("Eden"))
                .findFirst().orElseThrow(() -> new AssertionError("no eden pool in this JVM"));
    }
}
