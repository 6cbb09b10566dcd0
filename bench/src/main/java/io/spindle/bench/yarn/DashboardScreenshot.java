package io.spindle.bench.yarn;

import io.spindle.util.Polling;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A screenshot of a web page by headless {@code chromium} (its {@code --screenshot} mode), for the
 * demo to leave a picture of the dashboard. Offline: no background networking, updates or sync,
 * and a fresh profile that is removed afterwards. The page gets a few seconds of virtual time to
 * run its scripts (the dashboard polls its REST API) before the picture is taken. Not thread-safe.
 */
public final class DashboardScreenshot {

    /** How long the page's scripts run before the picture. */
    private static final Duration SCRIPT_TIME = Duration.ofSeconds(6);
    /** How long chromium may take in all. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path chromium;

    private DashboardScreenshot(Path chromium) {
        this.chromium = chromium;
    }

    /** @return a screenshot taker if {@code chromium} is installed ({@code /usr/bin/chromium} or on the PATH) */
    public static Optional<DashboardScreenshot> find() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/bin/chromium")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "chromium")));
        return candidates.filter(Files::isExecutable).findFirst().map(DashboardScreenshot::new);
    }

    /**
     * Waits until {@code url} answers 200 with a body that {@code ready} accepts, e.g. until the
     * ResourceManager's proxy reaches a new attempt's page; bounded by {@code timeout}.
     *
     * @return whether it did within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public static boolean awaitPage(String url, Predicate<String> ready, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        return Polling.poll(Duration.ofMillis(500), timeout, () -> {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && ready.test(response.body()) ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.<Boolean>empty(); // the proxy or the page is not there yet
            }
        }).isPresent();
    }

    /**
     * Loads {@code url} and saves what it shows as a PNG at {@code file}.
     *
     * @throws IOException if chromium failed, timed out or wrote no picture
     * @throws InterruptedException if interrupted (chromium is stopped)
     */
    public Path take(String url, Path file) throws IOException, InterruptedException {
        Path png = file.toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("spindle-chromium-");
        Path output = profile.resolve("chromium.log");
        Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1700",
                "--user-data-dir=" + profile.resolve("profile"),
                "--virtual-time-budget=" + SCRIPT_TIME.toMillis(), "--screenshot=" + png, url))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException("chromium took longer than " + TIMEOUT.toSeconds() + " s");
            }
            if (!Files.isRegularFile(png) || Files.size(png) == 0) {
                throw new IOException("chromium (exit code " + process.exitValue() + ") wrote no screenshot: "
                        + lastLine(output));
            }
            return png;
        } finally {
            process.destroyForcibly();
            deleteTree(profile);
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
