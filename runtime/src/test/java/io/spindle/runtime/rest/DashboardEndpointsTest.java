package io.spindle.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's page and read endpoints on standalone JobManagers over a real ZooKeeper and a
 * local storageDir: the page and its files, the HA status, TaskExecutors, the HA data check, and a
 * failover history that the second leader reads back with its predecessor in it.
 */
class DashboardEndpointsTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> close = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = close.size() - 1; i >= 0; i--) {
            close.get(i).close();
        }
    }

    private Configuration conf(String clusterId) {
        return RuntimeConfig.of(RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                CLUSTER.workDir().resolve("ha").toUri().toString(), clusterId));
    }

    private JobManagerProcess jobManager(Configuration conf, String id) throws Exception {
        JobManagerProcess process = JobManagerProcess.start(new JobManagerProcess.Settings(conf,
                new org.apache.hadoop.conf.Configuration(), id, "standalone", ParticipantFinishedPredicate.NEVER,
                ResourceDriver.STANDALONE, "127.0.0.1", 0, null, CLUSTER.workDir().resolve(conf.get(
                        io.spindle.configuration.HighAvailabilityOptions.CLUSTER_ID) + "-" + id)));
        close.add(process);
        return process;
    }

    private static HttpResponse<String> get(JobManagerProcess jm, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jm.restPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(JobManagerProcess jm, String path) throws Exception {
        HttpResponse<String> response = get(jm, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void thePageItsFilesAndTheReadsOfARunningCluster() throws Exception {
        Configuration conf = conf("dashboard-reads");
        JobManagerProcess leader = jobManager(conf, "jm-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> leader.jobManager().overview().leader());
        close.add(TaskExecutorProcess.start(conf, new org.apache.hadoop.conf.Configuration(), "",
                CLUSTER.workDir().resolve("dashboard-te")));
        await().atMost(Duration.ofSeconds(30)).until(() -> leader.jobManager().overview().slotsTotal() == 2);
        Path jar = ExamplesJar.locate(CLUSTER.workDir());
        leader.jobManager().submit(new JobSubmission("counting", jar, CountingJob.class.getName(),
                ExamplesJar.countingArgs(CLUSTER.workDir().resolve("dashboard-out").toUri().toString(), 1_000_000, 5),
                2)).get();

        HttpResponse<String> page = get(leader, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("src=\"dashboard/dashboard.js\"").doesNotContain("src=\"/");
        assertThat(get(leader, "/dashboard/dashboard.js").body()).contains("v1/cluster/leader-sessions");
        assertThat(get(leader, "/dashboard/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(get(leader, "/dashboard/secret.txt").statusCode()).isEqualTo(404);

        JsonNode ha = json(leader, "/v1/cluster/ha");
        assertThat(ha.get("zooKeeperConnection").asText()).isEqualTo("CONNECTED");
        assertThat(ha.get("storageDir").asText()).endsWith("/ha/dashboard-reads");

        JsonNode taskExecutors = json(leader, "/v1/taskexecutors");
        assertThat(taskExecutors).hasSize(1);
        assertThat(taskExecutors.get(0).get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(taskExecutors.get(0).get("slots").asInt()).isEqualTo(2);
        assertThat(taskExecutors.get(0).get("logUrl").isNull()).as("no log page outside YARN").isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> json(leader, "/v1/jobs").get(0).get("jobId") != null
                && checkpointSizes(leader).stream().anyMatch(size -> size > 0));
        JsonNode data = json(leader, "/v1/cluster/ha-data");
        assertThat(data.get("healthy").asBoolean()).as(data.toString()).isTrue();
        assertThat(data.get("pointers").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(data.get("tree").toString()).contains("jobgraphs");
    }

    private static List<Long> checkpointSizes(JobManagerProcess jm) throws Exception {
        String jobId = json(jm, "/v1/jobs").get(0).get("jobId").asText();
        List<Long> sizes = new ArrayList<>();
        for (JsonNode checkpoint : json(jm, "/v1/jobs/" + jobId).get("checkpoints")) {
            if (checkpoint.get("status").asText().equals("COMPLETED")) {
                sizes.add(checkpoint.get("sizeBytes").asLong());
            }
        }
        return sizes;
    }

    @Test
    void aNewLeaderShowsItsPredecessorAndWhyItEnded() throws Exception {
        Configuration conf = conf("dashboard-failover");
        JobManagerProcess first = jobManager(conf, "jm-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> first.jobManager().overview().leader());
        JobManagerProcess second = jobManager(conf, "jm-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> json(first, "/v1/cluster/leader-sessions").size() == 1);

        first.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.jobManager().overview().leader());
        await().atMost(Duration.ofSeconds(30)).until(() -> json(second, "/v1/cluster/leader-sessions").size() == 2);

        JsonNode sessions = json(second, "/v1/cluster/leader-sessions");
        assertThat(sessions.get(0).get("participantId").asText()).isEqualTo("jm-1");
        assertThat(sessions.get(0).get("previousEnded").asText()).isEmpty();
        assertThat(sessions.get(1).get("participantId").asText()).isEqualTo("jm-2");
        assertThat(sessions.get(1).get("sessionId").asText())
                .isEqualTo(second.jobManager().overview().leaderSessionId());
        assertThat(sessions.get(1).get("previousEnded").asText()).contains("jm-1").contains("latch node is gone");
        assertThat(sessions.get(1).get("timeToLeadSeconds").asDouble()).isBetween(0.0, 30.0);
        assertThat(sessions.get(1).get("recovered")).isEmpty();
    }
}
