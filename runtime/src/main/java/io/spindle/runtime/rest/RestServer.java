package io.spindle.runtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import io.spindle.runtime.jobmanager.JobManagerGateway;
import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.runtime.security.ClusterAuthentication;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import io.spindle.runtime.metrics.ProcessMetrics;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager's REST endpoint (Javalin on Jetty), answering JSON under {@code /v1}:
 *
 * <pre>
 * GET  /v1/overview              200 ClusterOverview (a standby answers too)
 * POST /v1/jobs                  202 {"jobId": ...} once the job is stored (multipart: jar, entryClass, parallelism, arguments, name)
 * GET  /v1/jobs                  200 [JobStatus]
 * GET  /v1/jobs/{id}             200 JobDetail, 404 for an unknown job
 * POST /v1/jobs/{id}/cancel      200 JobStatus once the job has ended
 * POST /v1/cluster/shutdown      202 once the shutdown has begun
 * GET  /v1/cluster/startup       200 [{"name", "at"}]: the start steps this process recorded ({@link StartupTimeline})
 * </pre>
 *
 * <p>Every error is a JSON body {@code {"error": "<one line>"}}: 400 for bad input (missing jar,
 * not a jar, missing {@code entryClass}, bad {@code parallelism}, malformed JSON), 404 for unknown
 * jobs and routes, 413 for an upload over the limit, for a
 * {@link io.spindle.runtime.jobmanager.JobSubmissionException} the status of its reason (404 for an
 * unknown job, 400 otherwise), 503 with
 * {@code {"error", "leader"}} from a standby ({@code leader} is the leader's REST URL or null),
 * 504 when the JobManager does not complete a call in time, and 500 (logged) for anything else.
 *
 * <p>With authentication ({@link ClusterAuthentication}), a call that changes something (and,
 * when so configured, every call) without the cluster's credential is refused with 401, with a
 * wrong one with 403, before any handler runs (see
 * {@link io.spindle.runtime.security.RestAuthenticationHandler}).
 *
 * <p>Behind a web proxy ({@link #behindWebProxy}), browsers that reach the web interface directly
 * are redirected to it ({@link WebProxyRedirect}).
 *
 * <p>Uploaded jars are kept in a private temp file in the upload folder (created {@code 0700})
 * until the submission has completed, and then deleted, whatever the outcome.
 *
 * <p>Lifecycle: construct, {@link #start()} once, {@link #close()}. Thread-safe.
 */
public final class RestServer implements AutoCloseable {

    /** The default limit of an upload: 512 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

    /** How long a request waits for the JobManager to complete a submission, cancellation or shutdown. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final JobManagerGateway gateway;
    private StartupTimeline timeline = new StartupTimeline();
    private final String host;
    private final int requestedPort;
    private final JarUploads uploads;
    private final long maxUploadBytes;
    private final Duration operationTimeout;
    private final ClusterAuthentication authentication;
    private final ObjectMapper mapper = RestJson.newMapper();

    private Javalin javalin;
    private boolean closed;
    private Supplier<String> metricsScrape;
    private DashboardData dashboard; // the dashboard's reads (DashboardHandlers), or null
    private WebProxy webProxy; // the proxy browsers are sent to (WebProxyRedirect), or null

    /**
     * A server with the default upload limit and operation timeout.
     *
     * @param gateway   the JobManager to serve
     * @param host      the address to bind to, e.g. {@code 0.0.0.0}
     * @param port      the port; 0 picks a free one (see {@link #port()})
     * @param uploadDir a local folder for uploads in flight; created {@code 0700} if missing
     * @param authentication who may call
     */
    public RestServer(JobManagerGateway gateway, String host, int port, Path uploadDir,
            ClusterAuthentication authentication) {
        this(gateway, host, port, uploadDir, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_OPERATION_TIMEOUT, authentication);
    }

    /**
     * @param gateway          the JobManager to serve
     * @param host             the address to bind to, e.g. {@code 0.0.0.0}
     * @param port             the port; 0 picks a free one (see {@link #port()})
     * @param uploadDir        a local folder for uploads in flight; created {@code 0700} if missing
     * @param maxUploadBytes   larger uploads are refused with 413
     * @param operationTimeout how long a request waits for a submission, cancellation or shutdown
     *                         to complete before answering 504
     * @param authentication   who may call
     */
    public RestServer(JobManagerGateway gateway, String host, int port, Path uploadDir, long maxUploadBytes,
            Duration operationTimeout, ClusterAuthentication authentication) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("maxUploadBytes must be positive, got " + maxUploadBytes);
        }
        this.requestedPort = port;
        this.uploads = new JarUploads(Objects.requireNonNull(uploadDir, "uploadDir"));
        this.maxUploadBytes = maxUploadBytes;
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    /**
     * Serves {@code GET /v1/cluster/startup} from {@code timeline} once started (by default an
     * empty timeline).
     *
     * @return this server
     * @throws IllegalStateException if started already
     */
    public synchronized RestServer serveStartup(StartupTimeline timeline) {
        if (javalin != null) {
            throw new IllegalStateException("the startup timeline must be added before the start");
        }
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        return this;
    }

    /**
     * Serves {@code GET /metrics} with {@code scrape} (the Prometheus text format) once started.
     *
     * @return this server
     * @throws IllegalStateException if started already
     */
    public synchronized RestServer serveMetrics(Supplier<String> scrape) {
        if (javalin != null) {
            throw new IllegalStateException("metrics must be added before the start");
        }
        this.metricsScrape = Objects.requireNonNull(scrape, "scrape");
        return this;
    }

    /**
     * Serves the dashboard ({@code GET /}, {@code /dashboard/*} and its reads, see
     * {@link DashboardHandlers}) once started.
     *
     * @return this server
     * @throws IllegalStateException if started already
     */
    public synchronized RestServer serveDashboard(DashboardData data) {
        if (javalin != null) {
            throw new IllegalStateException("the dashboard must be added before the start");
        }
        this.dashboard = Objects.requireNonNull(data, "data");
        return this;
    }

    /**
     * Sends browsers to {@code proxy} once started: a web-interface page requested neither from the
     * proxy nor with the cluster's credential is redirected there ({@link WebProxyRedirect}).
     *
     * @return this server
     * @throws IllegalStateException if started already
     */
    public synchronized RestServer behindWebProxy(WebProxy proxy) {
        if (javalin != null) {
            throw new IllegalStateException("the web proxy must be set before the start");
        }
        this.webProxy = Objects.requireNonNull(proxy, "proxy");
        return this;
    }

    /**
     * Creates the upload folder and starts listening.
     *
     * @return this server
     * @throws IOException if the upload folder cannot be created, or the port cannot be bound
     *     ({@link BindException})
     * @throws IllegalStateException if started before, or closed
     */
    public synchronized RestServer start() throws IOException {
        if (javalin != null || closed) {
            throw new IllegalStateException("the REST server can be started once");
        }
        uploads.createDir();
        Javalin app = Javalin.create(this::configure);
        try {
            app.start();
        } catch (JavalinBindException e) {
            app.stop();
            BindException bind = new BindException("cannot bind the REST endpoint to " + host + ":" + requestedPort
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            bind.initCause(e);
            throw bind;
        }
        javalin = app;
        LOG.info("REST endpoint listening at {} (uploads in {})", url(), uploads.dir());
        return this;
    }

    /**
     * @return the port the server listens on
     * @throws IllegalStateException if not started
     */
    public synchronized int port() {
        if (javalin == null) {
            throw new IllegalStateException("the REST server is not started");
        }
        return javalin.port();
    }

    /**
     * The base URL clients use, e.g. {@code http://host:8081} (no trailing slash, no {@code /v1}).
     * When bound to a wildcard address it names this machine's host name.
     *
     * @throws IllegalStateException if not started
     */
    public String url() {
        String advertised = host;
        if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            try {
                advertised = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                advertised = "localhost";
            }
        }
        if (advertised.contains(":") && !advertised.startsWith("[")) {
            advertised = "[" + advertised + "]";
        }
        return "http://" + advertised + ":" + port();
    }

    /** Stops listening; idempotent. Requests in flight are cut off. */
    @Override
    public synchronized void close() {
        closed = true;
        if (javalin != null) {
            javalin.stop();
            LOG.info("REST endpoint stopped");
        }
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.jetty.host = host;
        config.jetty.port = requestedPort;
        config.jetty.multipartConfig.cacheDirectory(uploads.dir().toString());
        config.jetty.multipartConfig.maxFileSize(maxUploadBytes, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(maxUploadBytes + 1024 * 1024, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize(64 * 1024, SizeUnit.BYTES);
        config.router.ignoreTrailingSlashes = true;
        config.requestLogger.http((ctx, ms) -> LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(),
                ctx.statusCode(), ms.longValue()));

        if (webProxy != null) { // before the credential check: a browser is sent away, not refused
            config.routes.before(new WebProxyRedirect(webProxy, authentication::acceptsRestAuthorization));
        }
        authentication.restHandler().ifPresent(check -> config.routes.before(check));
        JobHandlers handlers = new JobHandlers(gateway, operationTimeout);
        config.routes.get("/v1/overview", handlers::overview);
        config.routes.post("/v1/jobs", new SubmitHandler(gateway, uploads, mapper, operationTimeout, maxUploadBytes));
        config.routes.get("/v1/jobs", handlers::jobs);
        config.routes.get("/v1/jobs/{id}", handlers::job);
        config.routes.post("/v1/jobs/{id}/cancel", handlers::cancel);
        config.routes.post("/v1/cluster/shutdown", handlers::shutDown);
        Supplier<String> scrape = metricsScrape;
        if (scrape != null) {
            config.routes.get("/metrics", ctx -> ctx.contentType(ProcessMetrics.CONTENT_TYPE).result(scrape.get()));
        }
        StartupTimeline startup = timeline;
        config.routes.get("/v1/cluster/startup", ctx -> ctx.json(startup.steps()));
        if (dashboard != null) { // the dashboard: read-only routes
            DashboardHandlers.route(config, gateway, dashboard);
        }

        config.routes.exception(HttpResponseException.class, (e, ctx) -> ErrorResponses.write(ctx, e));
        config.routes.exception(Exception.class, (e, ctx) -> ErrorResponses.write(ctx, e));
    }
}
