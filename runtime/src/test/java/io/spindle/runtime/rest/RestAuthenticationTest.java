package io.spindle.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may call the REST endpoint: changes need the cluster's credential; reads are open unless configured otherwise. */
class RestAuthenticationTest extends RestServerFixture {

    private ServerUnderTest.Answer post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(""));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request);
    }

    @Test
    void changesWithoutTheCredentialAre401AndWithAWrongOne403AndReachNoHandler() throws Exception {
        JobStatus running = gateway.addJob("running", JobState.RUNNING);
        for (String path : List.of("/v1/jobs", "/v1/jobs/" + running.jobId() + "/cancel", "/v1/cluster/shutdown")) {
            ServerUnderTest.Answer none = post(path, null);
            assertThat(none.status()).as(path).isEqualTo(401);
            assertThat(none.json().path("error").asText()).startsWith("authentication required: POST " + path);
            assertThat(post(path, "Basic b3duZXI6c2VjcmV0").status()).as(path).isEqualTo(401);
            ServerUnderTest.Answer wrong = post(path, "Bearer " + ClusterSecret.generate().restToken());
            assertThat(wrong.status()).as(path).isEqualTo(403);
            assertThat(wrong.json().path("error").asText()).startsWith("wrong credential");
        }
        RestClusterClient anonymous = new RestClusterClient(server.server.url());
        assertThatThrownBy(() -> anonymous.submit(jar, "com.example.Job", List.of(), 1, null))
                .isInstanceOfSatisfying(RestClientException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
        assertThatThrownBy(() -> anonymous.withCredential(ClusterSecret.generate()).submit(jar, "com.example.Job",
                List.of(), 1, null)).isInstanceOfSatisfying(RestClientException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));

        assertThat(gateway.received()).isEmpty();
        assertThat(gateway.isShutDown()).isFalse();
        assertThat(server.uploadDirFiles()).isEmpty();
        assertThat(anonymous.jobs()).extracting(JobStatus::state).containsExactly(JobState.RUNNING);

        assertThat(server.client().submit(jar, "com.example.Job", List.of(), 1, null)).isNotBlank();
        assertThat(gateway.received()).hasSize(1);
    }

    @Test
    void readsNeedTheCredentialTooWhenConfigured() throws Exception {
        ClusterSecret secret = ClusterSecret.generate();
        try (RestServer closed = new RestServer(gateway, "127.0.0.1", 0, tmp.resolve("closed"),
                RestServer.DEFAULT_MAX_UPLOAD_BYTES, Duration.ofSeconds(30), ClusterAuthentication.withSecret(secret, true))
                .start()) {
            RestClusterClient anonymous = new RestClusterClient(closed.url());
            assertThatThrownBy(anonymous::overview).isInstanceOfSatisfying(RestClientException.class,
                    e -> assertThat(e.statusCode()).isEqualTo(401));
            assertThat(anonymous.withCredential(secret).overview()).isNotNull();
        }
    }
}
