package io.spindle.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.PortRange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.PrimitiveIterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP endpoint that answers {@code GET /metrics} with a scrape in the Prometheus text
 * format (for processes without a REST server: the TaskExecutor). Binds the first free port of a
 * port range, on all interfaces; one thread serves the requests.
 *
 * <p>Thread-safe; {@link #close} is idempotent.
 */
public final class MetricsHttpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpEndpoint.class);

    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsHttpEndpoint(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Starts serving {@code scrape} at {@code /metrics}.
     *
     * @param ports  the ports to try, in order
     * @param option the option that set them, for the error message
     * @throws IOException if no port of the range is free
     */
    public static MetricsHttpEndpoint start(PortRange ports, ConfigOption<PortRange> option, Supplier<String> scrape)
            throws IOException {
        IOException last = null;
        PrimitiveIterator.OfInt candidates = ports.ports().iterator();
        while (candidates.hasNext()) {
            int port = candidates.nextInt();
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(port), 0);
            } catch (BindException e) {
                last = e;
                continue;
            }
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "metrics-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(thread);
            server.createContext("/metrics", exchange -> serve(exchange, scrape));
            server.start();
            LOG.info("Metrics at http://0.0.0.0:{}/metrics", server.getAddress().getPort());
            return new MetricsHttpEndpoint(server, thread);
        }
        throw new IOException("No free port for the metrics endpoint among '" + ports + "' ('" + option.key() + "')",
                last);
    }

    private static void serve(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().matches("/metrics/?")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", ProcessMetrics.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            LOG.warn("Metrics scrape failed: {}", e.toString());
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
