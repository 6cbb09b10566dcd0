package io.spindle.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperQuorumConfigTest {

    private static final List<String> BASE = List.of("tickTime=2000", "dataDir=/tmp/zookeeper", "clientPort=2181");

    private static ZooKeeperQuorumConfig parse(String... lines) {
        return ZooKeeperQuorumConfig.parse("conf/zoo.cfg", List.of(lines));
    }

    /** The three base lines, then {@code more} from line 4 on. */
    private static ZooKeeperQuorumConfig parseWithBase(String... more) {
        List<String> lines = new ArrayList<>(BASE);
        lines.addAll(Arrays.asList(more));
        return ZooKeeperQuorumConfig.parse("conf/zoo.cfg", lines);
    }

    @Test
    void readsServersAndKeys() {
        ZooKeeperQuorumConfig config = parse("# quorum", "tickTime = 2000", "initLimit=10", "dataDir=/var/zk",
                "clientPort=2181", "server.0=host0:2888:3888", "server.1=host1:2888:3888:participant",
                "server.7=host2:2889:3889:observer", "maxClientCnxns=60");

        assertThat(config.servers()).containsExactly(
                new ZooKeeperServerEntry(0, "host0", 2888, 3888, false, 6),
                new ZooKeeperServerEntry(1, "host1", 2888, 3888, false, 7),
                new ZooKeeperServerEntry(7, "host2", 2889, 3889, true, 8));
        assertThat(config.clientPort()).isEqualTo(2181);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/zk"));
        assertThat(config.server(7)).map(ZooKeeperServerEntry::host).contains("host2");
        assertThat(config.server(3)).isEmpty();
        assertThat(config.properties()).containsEntry("tickTime", "2000").containsEntry("maxClientCnxns", "60");
        assertThat(config.toProperties().getProperty("server.1")).isEqualTo("host1:2888:3888:participant");
    }

    @Test
    void rejectsALineWithoutEquals() {
        assertThatThrownBy(() -> parseWithBase("server.0=localhost:2888:3888", "clientPort 2181"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("conf/zoo.cfg, line 5: bad line 'clientPort 2181': expected key=value");
        assertThatThrownBy(() -> parse("=x")).hasMessageStartingWith("conf/zoo.cfg, line 1: bad line '=x'");
    }

    @Test
    void rejectsADuplicateServerId() {
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2888:3888", "server.2=host2:2888:3888",
                "server.02=host3:2888:3888"))
                .hasMessage("conf/zoo.cfg, line 6: duplicate server id 2 (first on line 5)");
    }

    @Test
    void rejectsADuplicateKey() {
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2888:3888", "clientPort=2182"))
                .hasMessage("conf/zoo.cfg, line 5: duplicate key clientPort (first on line 3)");
    }

    @Test
    void rejectsBadPorts() {
        assertThatThrownBy(() -> parseWithBase("server.1=host1:28x8:3888"))
                .hasMessage("conf/zoo.cfg, line 4: bad port '28x8' in 'server.1=host1:28x8:3888':"
                        + " expected a number from 1 to 65535");
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2888:65536"))
                .hasMessageStartingWith("conf/zoo.cfg, line 4: bad port '65536'");
        assertThatThrownBy(() -> parse("clientPort=-1")).hasMessageStartingWith("conf/zoo.cfg, line 1: bad port '-1'");
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2888:2888"))
                .hasMessageStartingWith("conf/zoo.cfg, line 4: peer port and leader election port are both 2888");
    }

    @Test
    void rejectsAClientPortUsedByAServer() {
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2181:3888"))
                .hasMessage("conf/zoo.cfg, line 4: clientPort 2181 is also a port of server.1 (line 4)");
        assertThatThrownBy(() -> parse("server.1=host1:2888:3888", "dataDir=/d", "clientPort=3888"))
                .hasMessage("conf/zoo.cfg, line 3: clientPort 3888 is also a port of server.1 (line 1)");
    }

    @Test
    void rejectsBadServerLines() {
        assertThatThrownBy(() -> parseWithBase("server.x=host1:2888:3888"))
                .hasMessageStartingWith("conf/zoo.cfg, line 4: bad server id 'x'");
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2888"))
                .hasMessageStartingWith("conf/zoo.cfg, line 4: bad line 'server.1=host1:2888': expected server.N=");
        assertThatThrownBy(() -> parseWithBase("server.1=host_1:2888:3888"))
                .hasMessageStartingWith("conf/zoo.cfg, line 4: bad host 'host_1'");
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2888:3888:leader"))
                .hasMessageStartingWith("conf/zoo.cfg, line 4: bad server type 'leader'");
        assertThatThrownBy(() -> parseWithBase("server.1=host1:2888:3888;2181"))
                .hasMessageContaining("line 4: bad line").hasMessageContaining("not supported");
    }

    @Test
    void rejectsTwoServersOnOneHost() {
        assertThatThrownBy(() -> parseWithBase("server.1=localhost:2888:3888", "server.2=LOCALHOST:2889:3889"))
                .hasMessageStartingWith("conf/zoo.cfg, line 5: server.2 is on host LOCALHOST like server.1 (line 4)");
    }

    @Test
    void rejectsBadNumbersAndPaths() {
        assertThatThrownBy(() -> parseWithBase("server.1=h:2888:3888", "initLimit=0"))
                .hasMessage("conf/zoo.cfg, line 5: bad value '0' for initLimit: expected a positive whole number");
        assertThatThrownBy(() -> parse("dataDir=zk-data"))
                .hasMessage("conf/zoo.cfg, line 1: bad value 'zk-data' for dataDir: expected an absolute path");
    }

    @Test
    void rejectsMissingKeysAndServers() {
        assertThatThrownBy(() -> parse("dataDir=/d", "clientPort=2181"))
                .hasMessageStartingWith("conf/zoo.cfg: no server.N line");
        assertThatThrownBy(() -> parse("server.0=h:2888:3888", "dataDir=/d"))
                .hasMessage("conf/zoo.cfg: missing clientPort (e.g. clientPort=2181)");
        assertThatThrownBy(() -> parse("server.0=h:2888:3888", "clientPort=2181"))
                .hasMessage("conf/zoo.cfg: missing dataDir (e.g. dataDir=/tmp/zookeeper)");
    }

    @Test
    void readsTheShippedFile() {
        Path shipped = Path.of(System.getProperty("spindle.root", ".."), "conf", "zoo.cfg");
        ZooKeeperQuorumConfig config = ZooKeeperQuorumConfig.read(shipped);
        assertThat(config.servers()).extracting(ZooKeeperServerEntry::host).containsExactly("localhost");
    }

    @Test
    void writesMyId(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("a/b");
        ZooKeeperQuorumPeerMain.writeMyId(dataDir, 3);
        assertThat(Files.readString(dataDir.resolve("myid"))).isEqualTo("3\n");
    }
}
