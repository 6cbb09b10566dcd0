package io.spindle.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client adds to the server: following the leader, connection failures, URL forms. */
class RestClusterClientTest {

    @TempDir
    Path tmp;

    @Test
    void followsTheLeaderNamedByAStandbyForEveryCall() throws Exception {
        FakeJobManagerGateway leaderGateway = new FakeJobManagerGateway();
        JobStatus job = leaderGateway.addJob("on-leader", JobState.RUNNING);
        try (ServerUnderTest leader = new ServerUnderTest(leaderGateway, tmp.resolve("leader"));
                ServerUnderTest standby = new ServerUnderTest(new FakeJobManagerGateway().standby(null), tmp.resolve("standby"))) {
            standby.gateway.standby(leader.server.url());
            RestClusterClient client = standby.client();

            assertThat(client.jobs()).containsExactly(job);
            assertThat(client.url()).isEqualTo(leader.server.url());

            String id = client.submit(TestJars.jar(tmp, "a.jar", 10), "com.example.A", List.of("x"), 2, "a");
            assertThat(leaderGateway.received()).hasSize(1);
            assertThat(client.job(id).status().name()).isEqualTo("a");
        }
    }

    @Test
    void submissionIsResentToTheLeader() throws Exception {
        FakeJobManagerGateway leaderGateway = new FakeJobManagerGateway();
        try (ServerUnderTest leader = new ServerUnderTest(leaderGateway, tmp.resolve("leader"));
                ServerUnderTest standby = new ServerUnderTest(new FakeJobManagerGateway(), tmp.resolve("standby"))) {
            standby.gateway.standby(leader.server.url());
            Path jar = TestJars.jar(tmp, "b.jar", 5000);

            String id = standby.client().submit(jar, "com.example.B", List.of(), 1, null);

            assertThat(leaderGateway.received()).singleElement()
                    .satisfies(r -> assertThat(r.jarBytes()).isEqualTo(java.nio.file.Files.readAllBytes(jar)));
            assertThat(leader.client().job(id)).isNotNull();
            assertThat(standby.uploadDirFiles()).isEmpty();
        }
    }

    @Test
    void followsOnlyOnce() throws Exception {
        try (ServerUnderTest a = new ServerUnderTest(new FakeJobManagerGateway(), tmp.resolve("a"));
                ServerUnderTest b = new ServerUnderTest(new FakeJobManagerGateway(), tmp.resolve("b"))) {
            a.gateway.standby(b.server.url());
            b.gateway.standby(a.server.url());
            assertThatThrownBy(() -> a.client().jobs())
                    .isInstanceOfSatisfying(RestClientException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.leaderUrl()).contains(a.server.url());
                    })
                    .hasMessageContaining("the leader is at " + a.server.url());
        }
    }

    @Test
    void unreachableJobManagerIsOneLineNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RestClusterClient client = new RestClusterClient("127.0.0.1:" + port, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        assertThatThrownBy(client::overview)
                .isInstanceOfSatisfying(RestClientException.class, e -> assertThat(e.statusCode()).isZero())
                .hasMessageStartingWith("cannot reach JobManager at http://127.0.0.1:" + port + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void acceptsHostPortAndUrlsWithSlashOrVersion() {
        assertThat(RestClusterClient.normalizeUrl("host:8081")).isEqualTo("http://host:8081");
        assertThat(RestClusterClient.normalizeUrl("http://host:8081/")).isEqualTo("http://host:8081");
        assertThat(RestClusterClient.normalizeUrl("https://host:8081/v1/")).isEqualTo("https://host:8081");
        assertThatThrownBy(() -> RestClusterClient.normalizeUrl("ftp://host:21")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestClusterClient.normalizeUrl("not a url")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreadableJarIsRefusedBeforeAnyRequest() {
        RestClusterClient client = new RestClusterClient("127.0.0.1:1");
        assertThatThrownBy(() -> client.submit(tmp.resolve("missing.jar"), "A", List.of(), 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.jar");
    }
}
