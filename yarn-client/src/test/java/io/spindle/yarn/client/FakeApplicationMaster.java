package io.spindle.yarn.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.ConfigurationLoader;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.yarn.common.AmLaunchContract;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * A stand-in for the real ApplicationMaster, run in a YARN container by the client under test.
 *
 * <p>It registers with the ResourceManager with the tracking URL of its own HTTP server, which
 * answers {@code GET /v1/overview} with {@code {"leader":true, ...}} plus what the AM saw (the staged
 * files in its working directory, the contract's environment variables, one value of its
 * config.yaml), and {@code POST /v1/cluster/shutdown} with 202, after which it unregisters as
 * SUCCEEDED and exits. As the real AM, it takes the application's secret from its container
 * credentials and refuses a shutdown without its bearer token (401) or with another (403).
 *
 * <p>Its behaviour comes from the staged {@code conf/config.yaml}, key {@value #BEHAVIOUR_KEY}:
 * {@code no-leader} answers {@code "leader":false}; {@code ignore-shutdown} answers the shutdown
 * request with 503 and keeps running (until killed, at most two minutes).
 */
public final class FakeApplicationMaster {

    /** Config key that selects the behaviour. */
    public static final String BEHAVIOUR_KEY = "test.fake-am.behaviour";

    /** Config key whose value the overview echoes. */
    public static final String ECHO_KEY = "test.fake-am.echo";

    private FakeApplicationMaster() {
    }

    public static void main(String[] args) throws Exception {
        Configuration config = new ConfigurationLoader().loadFile(Path.of(AmLaunchContract.CONFIG_FILE), Map.of())
                .configuration();
        String behaviour = config.entry(BEHAVIOUR_KEY).map(e -> e.rawValue()).orElse("normal");
        String echo = config.entry(ECHO_KEY).map(e -> e.rawValue()).orElse("");
        String host = System.getenv(Environment.NM_HOST.name());

        YarnConfiguration conf = new YarnConfiguration();
        AMRMClient<ContainerRequest> rm = AMRMClient.createAMRMClient();
        rm.init(conf);
        rm.start();

        Optional<ClusterSecret> secret = ClusterSecretCredentials.ofCurrentUser();
        System.out.println("Container credentials " + (secret.isPresent() ? "hold" : "lack") + " the application's secret");
        CountDownLatch shutdown = new CountDownLatch(1);
        HttpServer http = HttpServer.create(new InetSocketAddress(0), 0);
        http.createContext("/v1/overview", exchange -> {
            String json = "{\"leader\":" + !behaviour.equals("no-leader")
                    + ",\"files\":" + jsonArray(stagedFiles())
                    + ",\"env\":" + jsonArray(contractEnv())
                    + ",\"echo\":" + jsonArray(List.of(echo)) + "}";
            respond(exchange, 200, json);
        });
        http.createContext("/v1/cluster/shutdown", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (secret.isPresent() && authorization == null) {
                respond(exchange, 401, "{\"error\":\"authentication required\"}");
                return;
            }
            if (secret.isPresent() && !authorization.equals("Bearer " + secret.get().restToken())) {
                respond(exchange, 403, "{\"error\":\"wrong credential\"}");
                return;
            }
            if (behaviour.equals("ignore-shutdown")) {
                respond(exchange, 503, "{\"error\":\"not now\"}");
                return;
            }
            respond(exchange, 202, "{}");
            shutdown.countDown();
        });
        http.start();
        String trackingUrl = "http://" + host + ":" + http.getAddress().getPort();
        rm.registerApplicationMaster(host, 0, trackingUrl);
        System.out.println("Registered with tracking URL " + trackingUrl + ", behaviour " + behaviour);

        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                rm.allocate(0f);
            } catch (Exception e) {
                System.err.println("Heartbeat failed: " + e);
            }
        }, 500, 500, TimeUnit.MILLISECONDS);

        if (!shutdown.await(2, TimeUnit.MINUTES)) {
            System.err.println("Not stopped within two minutes; giving up");
            System.exit(3);
        }
        heartbeat.shutdownNow();
        heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        rm.unregisterApplicationMaster(FinalApplicationStatus.SUCCEEDED, "stopped by request", null);
        rm.stop();
        http.stop(0);
        System.out.println("Unregistered");
        System.exit(0);
    }

    private static List<String> stagedFiles() {
        Path cwd = Path.of("").toAbsolutePath();
        try (Stream<Path> files = Files.walk(cwd, 3)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> cwd.relativize(p).toString())
                    .filter(p -> p.startsWith("conf/") || p.startsWith("lib/") || p.startsWith("usrlib/")
                            || p.equals(AmLaunchContract.JOB_PROPERTIES))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of("error: " + e);
        }
    }

    private static List<String> contractEnv() {
        return Stream.of(AmLaunchContract.ENV_STAGING_DIR, AmLaunchContract.ENV_CLUSTER_MODE,
                        AmLaunchContract.ENV_PROVIDED_LIB_DIRS, AmLaunchContract.ENV_SUBMITTER)
                .map(name -> name + "=" + System.getenv(name))
                .collect(Collectors.toList());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String jsonArray(List<String> values) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
    }
}
