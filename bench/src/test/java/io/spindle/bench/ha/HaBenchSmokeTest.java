package io.spindle.bench.ha;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.SecurityOptions;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs {@code spindle ha bench} with tiny counts and checks the shape of its output (every figure
 * once, in the exact line format, with plausible values) and that it leaves nothing behind. No
 * timing is asserted: this machine's speed is not under test.
 */
class HaBenchSmokeTest {

    private static final List<String> FIGURES = List.of(
            "takeover_kill9_standalone_ms", "takeover_kill9_preempt_ms", "handover_graceful_ms",
            "put_100_ops_per_s", "put_100_concurrent_ops_per_s", "put_100_async_ops_per_s",
            "recover_100_ms", "remove_100_ms", "counter_ops_per_s");

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withZooKeeperSessionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60))
            .build();

    private static HaBenchSettings.Builder tiny() {
        return HaBenchSettings.builder()
                .runs(1)
                .puts(100)
                .pointers(100)
                .counterOps(100)
                .writerThreads(2)
                .putWindow(8)
                .sessionTimeout(Duration.ofSeconds(2))
                .preemptionInterval(Duration.ofMillis(50))
                .tickTimeMs(500);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void embeddedZooKeeperBenchPrintsEveryFigureAndRemovesItsFolder() throws Exception {
        StringWriter text = new StringWriter();
        List<Figure> figures = new HaBench(tiny().build(), new PrintWriter(text)).run();
        System.out.print(text); // into the test's output file, for a look at the values

        List<String> lines = Arrays.asList(text.toString().split("\\R"));
        List<String> header = lines.stream().filter(l -> l.startsWith("#")).toList();
        assertThat(header).anySatisfy(l -> assertThat(l).startsWith("# spindle ha bench, "));
        assertThat(header).anySatisfy(l -> assertThat(l).contains("cores").contains("Java"));
        assertThat(header).anySatisfy(l -> assertThat(l).startsWith("# zookeeper: embedded").contains("fsync on"));
        assertThat(header).anySatisfy(l -> assertThat(l).startsWith("# storageDir: file:"));
        assertThat(header).anySatisfy(l -> assertThat(l).contains("session timeout 2000 ms"));
        assertFigureLines(lines, figures);

        // The temporary folder (ZooKeeper data, storageDir, logs) is gone.
        String zkLine = header.stream().filter(l -> l.startsWith("# zookeeper:")).findFirst().orElseThrow();
        Path zkData = Path.of(zkLine.substring(zkLine.indexOf("data in ") + "data in ".length()).strip());
        assertThat(zkData.getParent().getFileName().toString()).startsWith("spindle-ha-bench-");
        assertThat(zkData.getParent()).doesNotExist();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void givenQuorumAndStorageDirAreLeftAsTheyWere(@TempDir Path storage) throws Exception {
        String root = "/ha-bench-smoke";
        HaBenchSettings settings = tiny()
                .quorum(CLUSTER.zooKeeperConnectString())
                .storageDir(storage.toUri())
                .zooKeeperRoot(root)
                .build();
        Configuration clientConf = Configuration.empty().withRaw(SecurityOptions.ZOOKEEPER_SASL_DISABLE.key(), "true");
        StringWriter text = new StringWriter();

        List<Figure> figures = new HaBench(settings, clientConf, new PrintWriter(text)).run();
        System.out.print(text);

        List<String> lines = Arrays.asList(text.toString().split("\\R"));
        assertThat(lines).anySatisfy(l -> assertThat(l).isEqualTo("# zookeeper: given quorum " + CLUSTER.zooKeeperConnectString()));
        assertFigureLines(lines, figures);
        try (Stream<Path> left = Files.list(storage)) {
            assertThat(left).as("storageDir after the bench").isEmpty();
        }
        ZooKeeper zk = new ZooKeeper(CLUSTER.zooKeeperConnectString(), 10_000, event -> { });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> zk.getState().isConnected());
            assertThat(zk.exists(root, false)).as("root znode the bench created").isNull();
        } finally {
            zk.close();
        }
    }

    private static void assertFigureLines(List<String> lines, List<Figure> figures) {
        List<String> figureLines = lines.stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(figureLines).hasSize(FIGURES.size());
        assertThat(figures).extracting(Figure::name).containsExactlyElementsOf(FIGURES);
        for (int i = 0; i < FIGURES.size(); i++) {
            String line = figureLines.get(i);
            Matcher m = Figure.LINE.matcher(line);
            assertThat(m.matches()).as("line '%s' matches the figure format", line).isTrue();
            String name = m.group(1);
            assertThat(name).isEqualTo(FIGURES.get(i));
            assertThat(m.group(3)).isEqualTo(name.endsWith("_ms") ? "ms" : "ops/s");
            double median = Double.parseDouble(m.group(2));
            double min = Double.parseDouble(m.group(4));
            double max = Double.parseDouble(m.group(5));
            assertThat(Integer.parseInt(m.group(6))).isEqualTo(1);
            assertThat(min).isPositive().isLessThanOrEqualTo(median);
            assertThat(median).isLessThanOrEqualTo(max);
            assertThat(line).isEqualTo(figures.get(i).format());
        }
    }
}
