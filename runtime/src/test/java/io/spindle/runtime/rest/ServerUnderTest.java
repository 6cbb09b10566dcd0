package io.spindle.runtime.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A real {@link RestServer} on a free port of 127.0.0.1 over a {@link FakeJobManagerGateway}, with
 * clients. The server is authenticated with {@link #secret}; {@link #client()}, {@link #post} and
 * {@link #postMultipart} send its credential, as the cluster's owner does.
 */
final class ServerUnderTest implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The secret of every server in this JVM (they stand for one cluster: a leader and its standbys). */
    static final ClusterSecret SECRET = ClusterSecret.generate();

    final ClusterSecret secret = SECRET;
    final FakeJobManagerGateway gateway;
    final Path uploadDir;
    final RestServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper mapper = RestJson.newMapper();

    ServerUnderTest(FakeJobManagerGateway gateway, Path uploadDir) throws IOException {
        this(gateway, uploadDir, RestServer.DEFAULT_MAX_UPLOAD_BYTES);
    }

    ServerUnderTest(FakeJobManagerGateway gateway, Path uploadDir, long maxUploadBytes) throws IOException {
        this.gateway = gateway;
        this.uploadDir = uploadDir;
        this.server = new RestServer(gateway, "127.0.0.1", 0, uploadDir, maxUploadBytes, TIMEOUT,
                ClusterAuthentication.withSecret(secret, false)).start();
    }

    RestClusterClient client() {
        return new RestClusterClient(server.url(), Duration.ofSeconds(5), TIMEOUT, TIMEOUT).withCredential(secret);
    }

    /** A raw answer: status, content type and body. */
    record Answer(int status, String contentType, String body, JsonNode json) {}

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + secret.restToken());
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    Answer postMultipart(String path, MultipartBody body) throws Exception {
        return postMultipartAsync(path, body).get();
    }

    CompletableFuture<Answer> postMultipartAsync(String path, MultipartBody body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Content-Type", body.contentType()).header("Authorization", "Bearer " + secret.restToken())
                .POST(body.publisher()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(this::answer);
    }

    /** Sends {@code request} as it is (no credential added). */
    Answer send(HttpRequest.Builder request) throws Exception {
        return answer(http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private Answer answer(HttpResponse<String> r) {
        JsonNode json;
        try {
            json = mapper.readTree(r.body());
        } catch (IOException e) {
            json = null;
        }
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), json);
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    /** The files in the upload folder (the server's temp jars and Jetty's multipart cache). */
    List<Path> uploadDirFiles() throws IOException {
        try (Stream<Path> files = Files.list(uploadDir)) {
            return files.toList();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
