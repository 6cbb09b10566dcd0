package io.spindle.yarn.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two calls the submission client makes to a JobManager's REST endpoint: {@code GET
 * /v1/overview} (is there a leader?) and {@code POST /v1/cluster/shutdown}. Each request is bounded
 * by the request timeout.
 *
 * <p>Thread-safe (the JDK's {@link HttpClient} is).
 */
public final class JobManagerRestClient {

    /** The overview resource, relative to the REST base URL. */
    public static final String OVERVIEW_PATH = "/v1/overview";

    /** The shutdown resource, relative to the REST base URL. */
    public static final String SHUTDOWN_PATH = "/v1/cluster/shutdown";

    private static final Pattern LEADER_TRUE = Pattern.compile("\"leader\"\\s*:\\s*true");

    private final HttpClient http;
    private final Duration requestTimeout;

    /** A client whose every request (connect included) is bounded by {@code requestTimeout}. */
    public JobManagerRestClient(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Normalizes a tracking URL as YARN reports it ({@code host:port}, {@code http://host:port/})
     * into a REST base URL with a scheme and without a trailing slash.
     *
     * @return the URL, or empty text if {@code trackingUrl} is blank or {@code N/A}
     */
    public static String restUrlOf(String trackingUrl) {
        if (trackingUrl == null) {
            return "";
        }
        String url = trackingUrl.strip();
        if (url.isEmpty() || url.equalsIgnoreCase("N/A")) {
            return "";
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            url = "http://" + url;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    /**
     * Whether {@code GET {restUrl}/v1/overview} answers 200 with {@code "leader": true}.
     *
     * @throws IOException if the endpoint cannot be reached
     * @throws InterruptedException if interrupted while waiting for the answer
     */
    public boolean hasLeader(String restUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + OVERVIEW_PATH))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && LEADER_TRUE.matcher(response.body()).find();
    }

    /**
     * Asks the cluster to shut down: {@code POST {restUrl}/v1/cluster/shutdown}.
     *
     * @throws IOException if the endpoint cannot be reached or answers other than 2xx (the message
     *     names the status)
     * @throws InterruptedException if interrupted while waiting for the answer
     */
    public void requestShutdown(String restUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + SHUTDOWN_PATH))
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + restUrl + SHUTDOWN_PATH + " answered HTTP " + response.statusCode());
        }
    }
}
