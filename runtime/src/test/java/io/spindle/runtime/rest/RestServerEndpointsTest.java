package io.spindle.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.NotLeaderException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read and control endpoints, and the JSON error answers, through the real server. */
class RestServerEndpointsTest extends RestServerFixture {

    private RestClusterClient client;

    @BeforeEach
    void connect() {
        client = server.client();
    }

    private static void assertJsonError(ServerUnderTest.Answer answer, int status, String errorPart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("error").asText()).contains(errorPart).doesNotContain("\n");
    }

    @Test
    void overviewOfTheLeader() {
        gateway.addJob("a", JobState.RUNNING);
        gateway.addJob("b", JobState.FINISHED);
        ClusterOverview overview = client.overview();
        assertThat(overview.leader()).isTrue();
        assertThat(overview.slotsTotal()).isEqualTo(8);
        assertThat(overview.jobsRunning()).isEqualTo(1);
    }

    @Test
    void overviewOfAStandbyNamesTheLeader() throws Exception {
        gateway.standby("http://leader-host:8081");
        ServerUnderTest.Answer answer = server.get("/v1/overview");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("leader").asBoolean()).isFalse();
        assertThat(answer.json().get("leaderRestUrl").asText()).isEqualTo("http://leader-host:8081");
        assertThat(client.overview().leaderRestUrl()).isEqualTo("http://leader-host:8081");
    }

    @Test
    void jobsListsEveryJobWithIsoInstants() throws Exception {
        JobStatus a = gateway.addJob("a", JobState.RUNNING);
        JobStatus b = gateway.addJob("b", JobState.FAILED);

        assertThat(client.jobs()).containsExactly(a, b);
        ServerUnderTest.Answer raw = server.get("/v1/jobs");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.json().get(0).get("submittedAt").asText()).isEqualTo(a.submittedAt().toString());
        assertThat(raw.json().get(0).get("endedAt").isNull()).isTrue();
        assertThat(raw.json().get(1).get("state").asText()).isEqualTo("FAILED");
        assertThat(raw.json().get(1).get("failure").asText()).contains("boom");
    }

    @Test
    void jobDetailWithCheckpoints() {
        JobStatus a = gateway.addJob("a", JobState.RUNNING);
        JobDetail detail = client.job(a.jobId());
        assertThat(detail.status()).isEqualTo(a);
        assertThat(detail.latestCompletedCheckpointId()).isEqualTo(7);
        assertThat(detail.checkpoints()).hasSize(2);
        assertThat(detail.checkpoints().get(0).triggeredAt()).isEqualTo(a.submittedAt().plusSeconds(30));
        assertThat(detail.checkpoints().get(1).failure()).isEqualTo("declined");
    }

    @Test
    void unknownJobIs404() throws Exception {
        assertJsonError(server.get("/v1/jobs/0000000000000000000000000000dead"), 404, "unknown job 0000000000000000000000000000dead");
        assertThatThrownBy(() -> client.job("0000000000000000000000000000dead"))
                .isInstanceOfSatisfying(RestClientException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessage("unknown job 0000000000000000000000000000dead");
    }

    @Test
    void cancelAnswersTheFinalStatus() {
        JobStatus a = gateway.addJob("a", JobState.RUNNING);
        JobStatus canceled = client.cancel(a.jobId());
        assertThat(canceled.state()).isEqualTo(JobState.CANCELED);
        assertThat(canceled.endedAt()).isAfterOrEqualTo(a.submittedAt());
        assertThat(client.jobs()).extracting(JobStatus::state).containsExactly(JobState.CANCELED);
    }

    @Test
    void cancelOfAnUnknownJobIs404() throws Exception {
        assertJsonError(server.post("/v1/jobs/nope/cancel", null, ""), 404, "unknown job nope");
        assertThatThrownBy(() -> client.cancel("nope"))
                .isInstanceOfSatisfying(RestClientException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void shutdownIsAccepted() throws Exception {
        ServerUnderTest.Answer answer = server.post("/v1/cluster/shutdown", null, "");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(gateway.isShutDown()).isTrue();
    }

    @Test
    void shutdownThroughTheClient() {
        client.shutDownCluster();
        assertThat(gateway.isShutDown()).isTrue();
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        assertJsonError(server.get("/v1/nothing-here"), 404, "");
        assertJsonError(server.get("/"), 404, "");
        assertJsonError(server.post("/v1/overview/x", "application/json", "{"), 404, "");
    }

    @Test
    void standbyAnswers503WithTheLeaderForLeaderOnlyCalls() throws Exception {
        gateway.standby("http://leader-host:8081");
        String expected = new NotLeaderException("http://leader-host:8081").getMessage();
        for (ServerUnderTest.Answer answer : new ServerUnderTest.Answer[] {
                server.get("/v1/jobs"), server.get("/v1/jobs/x"), server.post("/v1/jobs/x/cancel", null, ""),
                server.post("/v1/cluster/shutdown", null, "")}) {
            assertJsonError(answer, 503, expected);
            assertThat(answer.json().get("leader").asText()).isEqualTo("http://leader-host:8081");
        }
    }

    @Test
    void standbyWithoutALeaderAnswers503WithNullLeader() throws Exception {
        gateway.standby(null);
        ServerUnderTest.Answer answer = server.get("/v1/jobs");
        assertJsonError(answer, 503, "no leader is known");
        assertThat(answer.json().has("leader")).isTrue();
        assertThat(answer.json().get("leader").isNull()).isTrue();
        assertThatThrownBy(() -> client.jobs())
                .isInstanceOfSatisfying(RestClientException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.leaderUrl()).isEmpty();
                })
                .hasMessageContaining("no leader is known");
    }

    @Test
    void uncaughtExceptionIs500WithAnError() throws Exception {
        gateway.failJobsWith(new IllegalStateException("job table\ncorrupt"));
        ServerUnderTest.Answer answer = server.get("/v1/jobs");
        assertJsonError(answer, 500, "internal error: IllegalStateException: job table corrupt");
        assertThatThrownBy(() -> client.jobs()).isInstanceOf(RestClientException.class)
                .hasMessage("internal error: IllegalStateException: job table corrupt");
    }

    @Test
    void instantsAreIsoStrings() throws Exception {
        JobStatus a = gateway.addJob("a", JobState.FINISHED);
        ServerUnderTest.Answer answer = server.get("/v1/jobs/" + a.jobId());
        assertThat(Instant.parse(answer.json().get("status").get("endedAt").asText())).isEqualTo(a.endedAt());
    }
}
