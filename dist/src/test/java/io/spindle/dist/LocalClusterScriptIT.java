package io.spindle.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/spindle local-cluster start|status|stop} from the unpacked tarball, with the default directory. */
class LocalClusterScriptIT {

    @TempDir
    Path workDir;

    private DistributionUnderTest dist;
    private Path clusterDir;

    @BeforeEach
    void setUp() throws Exception {
        dist = DistributionUnderTest.unpack(workDir);
        Path tmp = Files.createDirectories(workDir.resolve("tmp"));
        dist.env("TMPDIR", tmp.toString()).env("USER", "demo");
        clusterDir = tmp.resolve("spindle-local-cluster-demo");
    }

    @AfterEach
    void stopLeftovers() throws Exception {
        DistributionUnderTest.killLocalCluster(clusterDir);
        dist.close();
    }

    @Test
    void keepsTheMiniClusterJarsOffTheDaemonClasspath() throws Exception {
        assertThat(jarNames(dist.home().resolve("lib"))).noneMatch(n -> n.startsWith("hadoop-client-minicluster"))
                .noneMatch(n -> n.startsWith("spindle-local-cluster")).noneMatch(n -> n.startsWith("junit"))
                .anyMatch(n -> n.startsWith("hadoop-client-runtime"));
        List<String> localCluster = jarNames(dist.home().resolve("lib/local-cluster"));
        assertThat(localCluster).anyMatch(n -> n.startsWith("hadoop-client-minicluster"))
                .anyMatch(n -> n.startsWith("spindle-local-cluster"));
        assertThat(localCluster).as("no jar in both lib/ and lib/local-cluster/")
                .doesNotContainAnyElementsOf(jarNames(dist.home().resolve("lib")));
    }

    @Test
    void startsReportsAndStopsTheLocalCluster() throws Exception {
        ScriptResult start = dist.run(Duration.ofSeconds(150), "spindle", "local-cluster", "start");
        assertThat(start.exitCode()).as(start.describe()).isZero();
        assertThat(start.stdout()).startsWith("Spindle local cluster started in " + clusterDir)
                .contains("export HADOOP_CONF_DIR=" + clusterDir.resolve("hadoop-conf") + " SPINDLE_CONF_DIR="
                        + clusterDir.resolve("conf"));
        assertThat(clusterDir.resolve("hadoop-conf/yarn-site.xml")).content().contains("yarn.resourcemanager.address");
        assertThat(clusterDir.resolve("conf/config.yaml")).content().contains("high-availability.type: zookeeper");
        long pid = Long.parseLong(Files.readString(clusterDir.resolve("local-cluster.pid")).strip());
        assertThat(DistributionUnderTest.isAlive(pid)).isTrue();

        ScriptResult status = dist.run("spindle", "local-cluster", "status");
        assertThat(status.exitCode()).as(status.describe()).isZero();
        assertThat(status.stdout()).startsWith("Spindle local cluster running in " + clusterDir + " (pid " + pid + ")");

        ScriptResult second = dist.run("spindle", "local-cluster", "start");
        assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
        assertThat(second.stderr()).isEqualTo("Error: a local cluster is already running in " + clusterDir
                + " (pid " + pid + ")\n");

        List<ProcessHandle> processes = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        ScriptResult stop = dist.run("spindle", "local-cluster", "stop");
        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.stdout()).isEqualTo("Stopped the local cluster (pid " + pid + ") and deleted " + clusterDir + ".\n");
        assertThat(DistributionUnderTest.isAlive(pid)).isFalse();
        assertThat(processes).noneMatch(p -> DistributionUnderTest.isAlive(p.pid()));
        assertThat(clusterDir).doesNotExist();

        ScriptResult statusAfter = dist.run("spindle", "local-cluster", "status");
        assertThat(statusAfter.exitCode()).isEqualTo(1);
        assertThat(statusAfter.stdout()).isEqualTo("No local cluster is running in " + clusterDir + ".\n");
        ScriptResult stopAfter = dist.run("spindle", "local-cluster", "stop");
        assertThat(stopAfter.exitCode()).isEqualTo(1);
        assertThat(stopAfter.stderr()).isEqualTo("Error: no local cluster is running in " + clusterDir + "\n");
    }

    private static List<String> jarNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
    }
}
