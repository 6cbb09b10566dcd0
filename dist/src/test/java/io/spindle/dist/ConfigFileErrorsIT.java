package io.spindle.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private void assertFailsWith(ScriptResult result, String file, String lineAndReason) throws Exception {
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).as(result.describe())
                .contains("Error: " + dist.confDir().resolve(file) + ", " + lineAndReason);
        assertThat(result.stdout()).as("nothing started").doesNotContain("Starting");
        assertThat(dist.pidDir()).isEmptyDirectory();
    }

    @Test
    void startClusterRejectsABadMastersPort() throws Exception {
        dist.writeConf("masters", "# JobManagers\nlocalhost:8081\nlocalhost:80x2\n");

        assertFailsWith(dist.run("start-cluster.sh"), "masters",
                "line 3: bad port '80x2' in 'localhost:80x2': expected a number from 1 to 65535");
    }

    @Test
    void startClusterRejectsADuplicateMaster() throws Exception {
        dist.writeConf("config.yaml", "high-availability.type: zookeeper\n"
                + "high-availability.zookeeper.quorum: localhost:2181\n");
        dist.writeConf("masters", "localhost:8081\nlocalhost:8081\n");

        assertFailsWith(dist.run("start-cluster.sh"), "masters",
                "line 2: duplicate master localhost:8081 (first on line 1)");
    }

    @Test
    void startClusterRejectsABadMastersLine() throws Exception {
        dist.writeConf("masters", "localhost 8081\n");

        assertFailsWith(dist.run("start-cluster.sh"), "masters", "line 1: bad line 'localhost 8081'");
    }

    @Test
    void stopClusterRejectsABadWorkerHost() throws Exception {
        dist.writeConf("workers", "localhost\n\nworker_2\n");

        assertFailsWith(dist.run("stop-cluster.sh"), "workers", "line 3: bad host 'worker_2'");
    }

    @Test
    void startZooKeeperQuorumRejectsADuplicateServerId() throws Exception {
        dist.writeConf("zoo.cfg", "tickTime=2000\ndataDir=" + workDir.resolve("zk") + "\nclientPort=2181\n"
                + "\nserver.2=host-a:2888:3888\n# second\nserver.2=host-b:2888:3888\n");

        assertFailsWith(dist.run("start-zookeeper-quorum.sh"), "zoo.cfg",
                "line 7: duplicate server id 2 (first on line 5)");
    }

    @Test
    void startZooKeeperQuorumRejectsABadPort() throws Exception {
        dist.writeConf("zoo.cfg", "dataDir=/tmp/zk\nclientPort=2181\nserver.0=localhost:2888:99999\n");

        assertFailsWith(dist.run("start-zookeeper-quorum.sh"), "zoo.cfg", "line 3: bad port '99999'");
    }

    @Test
    void startZooKeeperQuorumRejectsABadLine() throws Exception {
        dist.writeConf("zoo.cfg", "dataDir=/tmp/zk\nclientPort 2181\nserver.0=localhost:2888:3888\n");

        assertFailsWith(dist.run("start-zookeeper-quorum.sh"), "zoo.cfg",
                "line 2: bad line 'clientPort 2181': expected key=value");
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
