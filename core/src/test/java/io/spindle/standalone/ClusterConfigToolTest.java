package io.spindle.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigToolTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ClusterConfigTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> hostFiles() {
        return Stream.of(
                Arguments.of("masters", "masters", "localhost:8081\nremote-host.invalid\n",
                        "localhost 8081 local\nremote-host.invalid - remote\n"),
                Arguments.of("workers", "workers", "127.0.0.1\nnode-7.invalid\n",
                        "127.0.0.1 local\nnode-7.invalid remote\n"),
                Arguments.of("zookeeper", "zoo.cfg",
                        "dataDir=/tmp/zk\nclientPort=2181\nserver.0=localhost:2888:3888\nserver.4=zk.invalid:2888:3888\n",
                        "0 localhost local\n4 zk.invalid remote\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostFiles")
    void listsTheHostsOfAFile(String command, String fileName, String content, String expected) throws Exception {
        Path file = Files.writeString(dir.resolve(fileName), content);
        assertThat(run(command, file.toString())).isZero();
        assertThat(out()).isEqualTo(expected);
    }

    @Test
    void printsErrorsWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("zoo.cfg"),
                "dataDir=/tmp/zk\nclientPort=2181\nserver.2=a:2888:3888\nserver.2=b:2888:3888\n");
        assertThat(run("zookeeper", file.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("Error: " + file + ", line 4: duplicate server id 2 (first on line 3)"
                + System.lineSeparator());
        assertThat(out()).isEmpty();
    }

    @Test
    void reportsHaMode() throws Exception {
        assertThat(run("ha", dir.toString())).isZero();
        assertThat(out()).isEqualTo("none\n");

        Files.writeString(dir.resolve("config.yaml"), "high-availability.type: zookeeper\n"
                + "high-availability.zookeeper.quorum: a:2181, b:2181,c:2181\n");
        out.reset();
        assertThat(run("ha", dir.toString())).isZero();
        assertThat(out()).isEqualTo("zookeeper 3\n");
    }

    @Test
    void rejectsHaWithoutQuorum() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "high-availability.type: zookeeper\n");
        assertThat(run("ha", dir.toString())).isEqualTo(1);
        assertThat(err()).contains("high-availability.zookeeper.quorum is not set");
    }

    @Test
    void createsTheDefaultSecretOnceUnlessAFileIsConfiguredOrAuthenticationIsOff() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "security.authentication.enabled: false\n");
        assertThat(run("secret", dir.toString())).isZero();
        assertThat(dir.resolve("cluster-secret")).doesNotExist();
        Files.writeString(dir.resolve("config.yaml"), "security.cluster.secret-file: /etc/spindle/secret\n");
        assertThat(run("secret", dir.toString())).isZero();
        assertThat(dir.resolve("cluster-secret")).doesNotExist();
        assertThat(err()).isEmpty();

        Files.writeString(dir.resolve("config.yaml"), "");
        assertThat(run("secret", dir.toString())).isZero();
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("Created the cluster secret " + dir.resolve("cluster-secret") + " (0600)");
        assertThat(Files.getPosixFilePermissions(dir.resolve("cluster-secret")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String secret = Files.readString(dir.resolve("cluster-secret"));
        err.reset();
        assertThat(run("secret", dir.toString())).isZero();
        assertThat(err()).isEmpty();
        assertThat(Files.readString(dir.resolve("cluster-secret"))).isEqualTo(secret);
    }

    @Test
    void rejectsBadUsage() {
        assertThat(run("masters")).isEqualTo(2);
        assertThat(run("hosts", "x")).isEqualTo(2);
        assertThat(err()).contains("Unknown command 'hosts'");
    }

    @Test
    void tellsLocalHosts() throws Exception {
        assertThat(LocalHosts.isLocal("localhost")).isTrue();
        assertThat(LocalHosts.isLocal("127.0.0.1")).isTrue();
        assertThat(LocalHosts.isLocal(java.net.InetAddress.getLocalHost().getHostName())).isTrue();
        assertThat(LocalHosts.isLocal("no-such-host.invalid")).isFalse();
    }
}
