package io.spindle.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.JobSubmissionException;
import io.spindle.runtime.jobmanager.NotLeaderException;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/jobs} through the real server: validation, the gateway's future, temp files. */
class RestServerSubmitTest extends RestServerFixture {

    private MultipartBody form(Path file) {
        MultipartBody body = new MultipartBody().field("entryClass", "com.example.WordCount").field("parallelism", "3");
        return file == null ? body : body.file("jar", file);
    }

    private void assertUploadsGone() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.uploadDirFiles()).isEmpty());
    }

    private static void assertBadRequest(ServerUnderTest.Answer answer, String errorPart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("error").asText()).contains(errorPart).doesNotContain("\n");
    }

    @Test
    void uploadFolderIsCreatedOwnerOnly() throws Exception {
        assertThat(Files.isDirectory(server.uploadDir)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.uploadDir))).isEqualTo("rwx------");
    }

    @Test
    void clientSubmissionReachesTheGatewayAndTheUploadIsDeleted() throws Exception {
        String jobId = server.client().submit(jar, "com.example.WordCount", List.of("--in", "a b", ""), 3, "words");

        assertThat(jobId).hasSize(32);
        assertThat(gateway.received()).hasSize(1);
        FakeJobManagerGateway.Received received = gateway.received().get(0);
        JobSubmission s = received.submission();
        assertThat(s.entryClass()).isEqualTo("com.example.WordCount");
        assertThat(s.arguments()).containsExactly("--in", "a b", "");
        assertThat(s.parallelism()).isEqualTo(3);
        assertThat(s.name()).isEqualTo("words");
        assertThat(received.jarBytes()).isEqualTo(Files.readAllBytes(jar));
        assertThat(s.jar().getParent()).isEqualTo(server.uploadDir.toAbsolutePath());
        assertThat(received.jarPermissions()).as("the upload is private to the JobManager's user").isEqualTo("rw-------");
        assertThat(s.jar()).doesNotExist();
        assertUploadsGone();
        assertThat(server.client().jobs()).extracting(j -> j.jobId()).containsExactly(jobId);
    }

    @Test
    void aLargeUploadSpooledToDiskArrivesIntactAndEverythingIsDeleted() throws Exception {
        Path big = TestJars.jar(tmp, "big.jar", 3 * 1024 * 1024);
        server.client().submit(big, "com.example.Big", List.of(), 1, null);
        assertThat(gateway.received().get(0).jarBytes()).isEqualTo(Files.readAllBytes(big));
        assertThat(gateway.received().get(0).submission().name()).isEmpty();
        assertUploadsGone();
    }

    @Test
    void answersOnlyAfterTheGatewayFutureCompletesAndThenDeletesTheUpload() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        gateway.onSubmit(s -> pending);

        CompletableFuture<ServerUnderTest.Answer> answer = server.postMultipartAsync("/v1/jobs", form(jar));

        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.received().size() == 1);
        Path stored = gateway.received().get(0).submission().jar();
        assertThat(stored).exists();
        assertThat(answer).isNotDone();

        pending.complete("0123456789abcdef0123456789abcdef");

        ServerUnderTest.Answer done = answer.get();
        assertThat(done.status()).isEqualTo(202);
        assertThat(done.json().get("jobId").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(stored).doesNotExist();
        assertUploadsGone();
    }

    @Test
    void repeatedArgumentFieldsAreTheArgumentsInOrder() throws Exception {
        MultipartBody body = form(jar).field("arguments", "[not json because repeated").field("arguments", "two");
        ServerUnderTest.Answer answer = server.postMultipart("/v1/jobs", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(gateway.received().get(0).submission().arguments()).containsExactly("[not json because repeated", "two");
    }

    @Test
    void missingParallelismMeansOne() throws Exception {
        MultipartBody body = new MultipartBody().field("entryClass", "com.example.A").file("jar", jar);
        assertThat(server.postMultipart("/v1/jobs", body).status()).isEqualTo(202);
        assertThat(gateway.received().get(0).submission().parallelism()).isEqualTo(1);
        assertThat(gateway.received().get(0).submission().arguments()).isEmpty();
    }

    @Test
    void missingJarPartIs400() throws Exception {
        assertBadRequest(server.postMultipart("/v1/jobs", form(null)), "missing the 'jar' part");
        assertThat(gateway.received()).isEmpty();
    }

    @Test
    void notAJarIs400AndItsUploadIsDeleted() throws Exception {
        assertBadRequest(server.postMultipart("/v1/jobs", form(TestJars.notAJar(tmp))), "'not-a-jar.jar' is not a jar");
        assertThat(gateway.received()).isEmpty();
        assertUploadsGone();
    }

    @Test
    void emptyJarIs400() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jar"));
        assertBadRequest(server.postMultipart("/v1/jobs", form(empty)), "'empty.jar' is empty");
        assertUploadsGone();
    }

    @Test
    void missingEntryClassIs400() throws Exception {
        MultipartBody body = new MultipartBody().field("parallelism", "2").file("jar", jar);
        assertBadRequest(server.postMultipart("/v1/jobs", body), "missing the 'entryClass' field");
        assertThat(gateway.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "three", "1.5", "99999999999"})
    void parallelismThatIsNotAPositiveIntegerIs400(String parallelism) throws Exception {
        MultipartBody body = new MultipartBody().field("entryClass", "com.example.A").field("parallelism", parallelism)
                .file("jar", jar);
        assertBadRequest(server.postMultipart("/v1/jobs", body), "'parallelism' field must be a positive integer, got '" + parallelism + "'");
        assertThat(gateway.received()).isEmpty();
    }

    @Test
    void clientSurfacesTheValidationError() {
        assertThatThrownBy(() -> server.client().submit(jar, "com.example.A", List.of(), 0, null))
                .isInstanceOf(RestClientException.class)
                .hasMessage("the 'parallelism' field must be a positive integer, got '0'")
                .satisfies(e -> assertThat(((RestClientException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void malformedJsonArgumentsAre400() throws Exception {
        assertBadRequest(server.postMultipart("/v1/jobs", form(jar).field("arguments", "[\"a\", ")), "'arguments' field is not a JSON array of strings");
        assertBadRequest(server.postMultipart("/v1/jobs", form(jar).field("arguments", "[1, {\"x\": 2}]")), "'arguments' field is not a JSON array of strings");
        assertThat(gateway.received()).isEmpty();
        assertUploadsGone();
    }

    @Test
    void aJsonBodyInsteadOfAFormIs400() throws Exception {
        assertBadRequest(server.post("/v1/jobs", "application/json", "{\"entryClass\": "), "expected a multipart/form-data request");
    }

    @Test
    void aMalformedMultipartBodyIs400() throws Exception {
        ServerUnderTest.Answer answer = server.post("/v1/jobs", "multipart/form-data; boundary=xyz", "garbage without any boundary");
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isNotBlank();
    }

    @Test
    void refusalOfTheGatewayIsMappedToItsStatusAndTheUploadIsDeleted() throws Exception {
        gateway.onSubmit(s -> CompletableFuture.failedFuture(new JobSubmissionException(
                JobSubmissionException.Reason.NOT_A_JOB, "class com.example.WordCount does not implement io.spindle.api.Job")));

        assertThatThrownBy(() -> server.client().submit(jar, "com.example.WordCount", List.of(), 1, null))
                .isInstanceOf(RestClientException.class)
                .hasMessage("class com.example.WordCount does not implement io.spindle.api.Job")
                .satisfies(e -> assertThat(((RestClientException) e).statusCode()).isEqualTo(400));
        assertThat(gateway.received().get(0).submission().jar()).doesNotExist();
        assertUploadsGone();
    }

    @Test
    void refusalThrownSynchronouslyIsMappedToo() throws Exception {
        gateway.onSubmit(s -> {
            throw new JobSubmissionException(JobSubmissionException.Reason.ENTRY_CLASS_NOT_FOUND,
                    "no class com.example.Missing in the jar");
        });
        ServerUnderTest.Answer answer = server.postMultipart("/v1/jobs", form(jar));
        assertBadRequest(answer, "no class com.example.Missing in the jar");
        assertUploadsGone();
    }

    @Test
    void standbyAnswers503WithTheLeaderAndDeletesTheUpload() throws Exception {
        gateway.standby("http://leader-host:8081");
        ServerUnderTest.Answer answer = server.postMultipart("/v1/jobs", form(jar));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().get("leader").asText()).isEqualTo("http://leader-host:8081");
        assertThat(answer.json().get("error").asText()).isEqualTo(new NotLeaderException("http://leader-host:8081").getMessage());
        assertUploadsGone();
    }

    @Test
    void unexpectedFailureOfTheSubmissionIs500WithAnErrorAndTheUploadIsDeleted() throws Exception {
        gateway.onSubmit(s -> CompletableFuture.failedFuture(new IllegalStateException("storageDir is read-only")));
        ServerUnderTest.Answer answer = server.postMultipart("/v1/jobs", form(jar));
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("error").asText()).contains("IllegalStateException: storageDir is read-only");
        assertUploadsGone();
    }

    @Test
    void uploadOverTheLimitIs413() throws Exception {
        try (ServerUnderTest small = new ServerUnderTest(new FakeJobManagerGateway(), tmp.resolve("small-uploads"), 64 * 1024)) {
            Path big = TestJars.jar(tmp, "too-big.jar", 256 * 1024);
            ServerUnderTest.Answer answer = small.postMultipart("/v1/jobs", form(big));
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.json().get("error").asText()).contains("limit");
            assertThat(small.gateway.received()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(small.uploadDirFiles()).isEmpty());
        }
    }

    @Test
    void submissionThatDoesNotCompleteInTimeIs504AndTheUploadIsDeletedWhenItDoes() throws Exception {
        FakeJobManagerGateway slow = new FakeJobManagerGateway();
        CompletableFuture<String> pending = new CompletableFuture<>();
        slow.onSubmit(s -> pending);
        Path uploads = tmp.resolve("slow-uploads");
        ClusterSecret secret = ClusterSecret.generate();
        try (RestServer server = new RestServer(slow, "127.0.0.1", 0, uploads, 1024 * 1024, Duration.ofMillis(300),
                ClusterAuthentication.withSecret(secret, false)).start()) {
            RestClusterClient client = new RestClusterClient(server.url()).withCredential(secret);

            assertThatThrownBy(() -> client.submit(jar, "com.example.Slow", List.of(), 1, null))
                    .isInstanceOfSatisfying(RestClientException.class, e -> assertThat(e.statusCode()).isEqualTo(504))
                    .hasMessage("the JobManager did not accept the job within 300 ms");
            Path stored = slow.received().get(0).submission().jar();
            assertThat(stored).exists();

            pending.complete("0123456789abcdef0123456789abcdef");
            assertThat(stored).doesNotExist();
        }
    }
}
