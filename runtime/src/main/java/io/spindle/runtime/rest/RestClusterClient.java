package io.spindle.runtime.rest;

import io.spindle.util.Messages;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.StartupTimeline;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the JobManager's REST API ({@link RestServer}), over {@link HttpClient}.
 *
 * <p>Every call is bounded: connecting by the connect timeout, reading by the request timeout,
 * and submissions, cancellations and shutdowns (which wait for the JobManager) by the operation
 * timeout. When a standby answers 503 naming the leader, the call is retried once against the
 * leader, and later calls go to the leader too ({@link #url()} changes).
 *
 * <p>Every failure is a {@link RestClientException} whose message is the server's one-line
 * {@code error}, or {@code cannot reach JobManager at <url>: <reason>} when there was no answer.
 *
 * <p>Thread-safe.
 */
public final class RestClusterClient {

    /** Default bound on establishing a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default bound on a read-only call. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Default bound on a submission, cancellation or shutdown; above the server's own bound. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = RestServer.DEFAULT_OPERATION_TIMEOUT.plusMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(RestClusterClient.class);

    private final HttpClient http;
    private final ObjectMapper mapper = RestJson.newMapper();
    private final AtomicReference<String> baseUrl;
    private final Duration requestTimeout;
    private final Duration operationTimeout;

    /**
     * A client with the default timeouts.
     *
     * @param url the JobManager's REST URL, e.g. {@code http://host:8081} or {@code host:8081}
     */
    public RestClusterClient(String url) {
        this(url, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_OPERATION_TIMEOUT);
    }

    /**
     * @param url              the JobManager's REST URL, e.g. {@code http://host:8081} or {@code host:8081}
     * @param connectTimeout   bound on establishing a connection
     * @param requestTimeout   bound on a read-only call
     * @param operationTimeout bound on a submission (upload included), cancellation or shutdown
     * @throws IllegalArgumentException if the URL is malformed
     */
    public RestClusterClient(String url, Duration connectTimeout, Duration requestTimeout, Duration operationTimeout) {
        this.baseUrl = new AtomicReference<>(normalizeUrl(url));
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @return the base URL calls go to: the one given, or the leader a standby named since */
    public String url() {
        return baseUrl.get();
    }

    /** {@code GET /v1/overview}; answered by standbys too. */
    public ClusterOverview overview() {
        return call(Call.get("/v1/overview", requestTimeout), type(ClusterOverview.class));
    }

    /**
     * Uploads a jar and submits a job; returns once the JobManager has stored it.
     *
     * @param jar         the job's jar on local disk
     * @param entryClass  the job class inside the jar
     * @param args        program arguments
     * @param parallelism number of parallel tasks, at least 1
     * @param name        display name, or {@code null} for the entry class's simple name
     * @return the new job's id
     * @throws IllegalArgumentException if the jar cannot be opened
     * @throws RestClientException if the JobManager refuses the job or cannot be reached
     */
    public String submit(Path jar, String entryClass, List<String> args, int parallelism, String name) {
        MultipartBody body = new MultipartBody()
                .field("entryClass", entryClass)
                .field("parallelism", Integer.toString(parallelism))
                .field("arguments", json(List.copyOf(args)));
        if (name != null && !name.isBlank()) {
            body.field("name", name);
        }
        body.file("jar", jar);
        try {
            body.publisher();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("cannot read the jar " + jar + ": " + e.getMessage(), e);
        }
        Call submit = new Call("POST", "/v1/jobs", body.contentType(), () -> {
            try {
                return body.publisher();
            } catch (FileNotFoundException e) {
                throw new IllegalArgumentException("cannot read the jar " + jar + ": " + e.getMessage(), e);
            }
        }, operationTimeout);
        RestJson.SubmitResponse answer = call(submit, type(RestJson.SubmitResponse.class));
        return answer.jobId();
    }

    /**
     * {@code GET /v1/cluster/startup}: the start steps the JobManager process recorded, in time
     * order (a standby answers too, with its own).
     */
    public List<StartupTimeline.Step> startup() {
        return call(Call.get("/v1/cluster/startup", requestTimeout),
                mapper.getTypeFactory().constructCollectionType(List.class, StartupTimeline.Step.class));
    }

    /** {@code GET /v1/jobs}: the jobs the leader knows, running and ended. */
    public List<JobStatus> jobs() {
        return call(Call.get("/v1/jobs", requestTimeout),
                mapper.getTypeFactory().constructCollectionType(List.class, JobStatus.class));
    }

    /**
     * {@code GET /v1/jobs/{id}}.
     *
     * @throws RestClientException with {@link RestClientException#isNotFound()} for an unknown job
     */
    public JobDetail job(String jobId) {
        return call(Call.get("/v1/jobs/" + segment(jobId), requestTimeout), type(JobDetail.class));
    }

    /**
     * {@code POST /v1/jobs/{id}/cancel}: returns once the job has ended.
     *
     * @return the job's final status
     * @throws RestClientException with {@link RestClientException#isNotFound()} for an unknown job
     */
    public JobStatus cancel(String jobId) {
        return call(Call.post("/v1/jobs/" + segment(jobId) + "/cancel", operationTimeout), type(JobStatus.class));
    }

    /** {@code POST /v1/cluster/shutdown}: returns once the shutdown has begun. */
    public void shutDownCluster() {
        call(Call.post("/v1/cluster/shutdown", operationTimeout), type(JsonNode.class));
    }

    /** One request, re-creatable so that it can be sent to the leader. */
    private record Call(String method, String path, String contentType,
            java.util.function.Supplier<BodyPublisher> body, Duration timeout) {

        static Call get(String path, Duration timeout) {
            return new Call("GET", path, null, BodyPublishers::noBody, timeout);
        }

        static Call post(String path, Duration timeout) {
            return new Call("POST", path, null, BodyPublishers::noBody, timeout);
        }
    }

    private <T> T call(Call call, JavaType type) {
        String base = baseUrl.get();
        HttpResponse<String> response = send(base, call);
        if (response.statusCode() == 503) {
            String leader = normalizeOrNull(errorField(response.body(), "leader"));
            if (leader != null && !leader.equals(base)) {
                LOG.info("{} is a standby; following the leader at {}", base, leader);
                baseUrl.compareAndSet(base, leader);
                base = leader;
                response = send(base, call);
            }
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return mapper.readValue(response.body(), type);
            } catch (IOException e) {
                throw new RestClientException(status, "unreadable answer from JobManager at " + base + " to "
                        + call.method() + " " + call.path() + ": " + Messages.oneLine(e.getMessage()), null, e);
            }
        }
        String error = errorField(response.body(), "error");
        String message = error != null && !error.isBlank()
                ? Messages.oneLine(error)
                : "JobManager at " + base + " answered HTTP " + status + " to " + call.method() + " " + call.path();
        throw new RestClientException(status, message, status == 503 ? normalizeOrNull(errorField(response.body(), "leader")) : null, null);
    }

    private HttpResponse<String> send(String base, Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(call.timeout())
                .header("Accept", "application/json")
                .method(call.method(), call.body().get());
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(base, "no connection within " + ErrorResponses.format(http.connectTimeout().orElse(Duration.ZERO)), e);
        } catch (HttpTimeoutException e) {
            throw new RestClientException(0, "JobManager at " + base + " did not answer " + call.method() + " "
                    + call.path() + " within " + ErrorResponses.format(call.timeout()), null, e);
        } catch (IOException e) {
            throw unreachable(base, reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestClientException(0, "interrupted while waiting for JobManager at " + base, null, e);
        }
    }

    private static RestClientException unreachable(String base, String reason, Throwable cause) {
        return new RestClientException(0, "cannot reach JobManager at " + base + ": " + reason, null, cause);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                String simple = t.getClass().getSimpleName();
                return (t instanceof java.net.ConnectException ? "connection refused (" + t.getMessage() + ")"
                        : simple + ": " + Messages.oneLine(t.getMessage()));
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    /** The named string field of a JSON error body, or {@code null} when absent or not JSON. */
    private String errorField(String body, String field) {
        try {
            JsonNode node = mapper.readTree(body);
            JsonNode value = node == null ? null : node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    private JavaType type(Class<?> cls) {
        return mapper.getTypeFactory().constructType(cls);
    }

    private static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("job id is empty");
        }
        return URLEncoder.encode(id.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String normalizeOrNull(String url) {
        try {
            return url == null || url.isBlank() ? null : normalizeUrl(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Normalizes a JobManager address: {@code host:port} or {@code http(s)://host:port[/][v1]}
     * becomes {@code scheme://host:port}.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static String normalizeUrl(String url) {
        Objects.requireNonNull(url, "url");
        String u = url.strip();
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/v1")) {
            u = u.substring(0, u.length() - 3);
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a REST URL: '" + url + "'", e);
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("not a REST URL: '" + url + "' (expected http://host:port or host:port)");
        }
        return u;
    }
}
