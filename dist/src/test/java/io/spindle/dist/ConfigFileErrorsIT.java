package io.spindle.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad lines in conf/masters, conf/workers and conf/zoo.cfg stop the scripts with file, line and reason. */
class ConfigFileErrorsIT {

    @TempDir
    Path workDir;

    private DistributionUnderTest dist;

    @BeforeEach
    void unpack() throws Exception {
        dist = DistributionUnderTest.unpack(workDir);
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    /** The script, the file its error names, the files written into conf/, and the line and reason expected. */
    static Stream<Arguments> badLines() {
        String ha = "high-availability.type: zookeeper\nhigh-availability.zookeeper.quorum: localhost:2181\n";
        return Stream.of(
                Arguments.of("start-cluster.sh", "masters",
                        Map.of("masters", "# JobManagers\nlocalhost:8081\nlocalhost:80x2\n"),
                        "line 3: bad port '80x2' in 'localhost:80x2': expected a number from 1 to 65535"),
                Arguments.of("start-cluster.sh", "masters",
                        Map.of("config.yaml", ha, "masters", "localhost:8081\nlocalhost:8081\n"),
                        "line 2: duplicate master localhost:8081 (first on line 1)"),
                Arguments.of("start-cluster.sh", "masters",
                        Map.of("masters", "localhost 8081\n"),
                        "line 1: bad line 'localhost 8081'"),
                Arguments.of("stop-cluster.sh", "workers",
                        Map.of("workers", "localhost\n\nworker_2\n"),
                        "line 3: bad host 'worker_2'"),
                Arguments.of("start-zookeeper-quorum.sh", "zoo.cfg",
                        Map.of("zoo.cfg", "tickTime=2000\ndataDir=/tmp/zk\nclientPort=2181\n"
                                + "\nserver.2=host-a:2888:3888\n# second\nserver.2=host-b:2888:3888\n"),
                        "line 7: duplicate server id 2 (first on line 5)"),
                Arguments.of("start-zookeeper-quorum.sh", "zoo.cfg",
                        Map.of("zoo.cfg", "dataDir=/tmp/zk\nclientPort=2181\nserver.0=localhost:2888:99999\n"),
                        "line 3: bad port '99999'"),
                Arguments.of("start-zookeeper-quorum.sh", "zoo.cfg",
                        Map.of("zoo.cfg", "dataDir=/tmp/zk\nclientPort 2181\nserver.0=localhost:2888:3888\n"),
                        "line 2: bad line 'clientPort 2181': expected key=value"));
    }

    @ParameterizedTest(name = "{0}: {1}, {3}")
    @MethodSource("badLines")
    void aBadLineStopsTheScriptBeforeAnythingStarts(String script, String file, Map<String, String> conf,
                                                    String lineAndReason) throws Exception {
        for (Map.Entry<String, String> entry : conf.entrySet()) {
            dist.writeConf(entry.getKey(), entry.getValue());
        }

        ScriptResult result = dist.run(script);

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).as(result.describe())
                .contains("Error: " + dist.confDir().resolve(file) + ", " + lineAndReason);
        assertThat(result.stdout()).as("nothing started").doesNotContain("Starting");
        assertThat(dist.pidDir()).isEmptyDirectory();
    }

    @Test
    void stopZooKeeperQuorumRejectsMissingKeys() throws Exception {
        dist.writeConf("zoo.cfg", "clientPort=2181\nserver.0=localhost:2888:3888\n");
        ScriptResult missingDataDir = dist.run("stop-zookeeper-quorum.sh");
        assertThat(missingDataDir.exitCode()).isNotZero();
        assertThat(missingDataDir.stderr()).contains("Error: " + dist.confDir().resolve("zoo.cfg") + ": missing dataDir");

        dist.writeConf("zoo.cfg", "dataDir=/tmp/zk\nserver.0=localhost:2888:3888\n");
        ScriptResult missingClientPort = dist.run("start-zookeeper-quorum.sh");
        assertThat(missingClientPort.exitCode()).isNotZero();
        assertThat(missingClientPort.stderr()).contains(dist.confDir().resolve("zoo.cfg") + ": missing clientPort");
    }

    @Test
    void startClusterRejectsTwoMastersWithoutHighAvailability() throws Exception {
        dist.writeConf("masters", "localhost:8081\nlocalhost:8082\n");

        ScriptResult result = dist.run("start-cluster.sh");

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).contains("lists 2 JobManagers, but high availability is off");
        assertThat(dist.pidDir()).isEmptyDirectory();
    }
}
