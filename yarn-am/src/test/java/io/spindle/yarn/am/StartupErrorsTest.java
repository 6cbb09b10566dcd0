package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupErrorsTest {

    @Test
    void aBadValueIsFatalOnEveryAttemptWithItsMessage(@TempDir Path confDir) throws Exception {
        Files.writeString(confDir.resolve("config.yaml"), "heartbeat.timeout: soon\n");
        Throwable bad = catchThrowable(() -> StagedConfiguration.load(confDir));
        assertThat(bad).isInstanceOf(IllegalConfigurationException.class);

        assertThat(StartupErrors.fatal(bad, 1)).hasValueSatisfying(fatal ->
                assertThat(fatal.diagnostic()).contains("heartbeat.timeout").doesNotContain("\n"));
        assertThat(StartupErrors.fatal(new CompletionException(bad), 3)).as("wrapped, on a later attempt")
                .hasValueSatisfying(fatal -> assertThat(fatal.diagnostic()).contains("heartbeat.timeout"));
    }

    @Test
    void anUnreachableZooKeeperIsFatalOnTheFirstAttemptOnlyAndNamesQuorumAndKey() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ZooKeeperClientFactory factory = new ZooKeeperClientFactory(Configuration.fromMap(Map.of(
                "high-availability.zookeeper.quorum", "127.0.0.1:" + closedPort,
                "high-availability.zookeeper.client.connection-timeout", "500 ms")));
        Throwable unreachable = catchThrowable(factory::startClusterClient);
        assertThat(unreachable).isInstanceOf(ZooKeeperUnavailableException.class);

        assertThat(StartupErrors.fatal(new CompletionException(unreachable), 1)).hasValueSatisfying(fatal ->
                assertThat(fatal.diagnostic()).contains("127.0.0.1:" + closedPort)
                        .contains("high-availability.zookeeper.quorum"));
        assertThat(StartupErrors.fatal(unreachable, 2))
                .as("a later attempt: the first reached ZooKeeper, so this may be an outage").isEmpty();
        assertThat(StartupErrors.zooKeeperUnavailable(new CompletionException(unreachable))).isTrue();
    }

    @Test
    void aQuorumThatIsNoHostPortListIsFatalNamingTheKey() {
        ZooKeeperClientFactory factory = new ZooKeeperClientFactory(Configuration.fromMap(Map.of(
                "high-availability.zookeeper.quorum", "zk1:notaport",
                "high-availability.zookeeper.client.connection-timeout", "500 ms")));
        Throwable bad = catchThrowable(factory::startClusterClient);

        assertThat(StartupErrors.fatal(bad, 1)).as(String.valueOf(bad)).hasValueSatisfying(fatal ->
                assertThat(fatal.diagnostic()).contains("zk1:notaport").contains("high-availability.zookeeper.quorum"));
    }

    @Test
    void aConfigurationCheckIsFatalAlwaysAnEnvironmentCheckOnTheFirstAttempt() {
        StartupCheckException scheme = new StartupCheckException(StartupCheckException.Kind.CONFIGURATION,
                "'high-availability.storageDir' (nosuch://x/y) is unusable", null);
        StartupCheckException host = new StartupCheckException(StartupCheckException.Kind.ENVIRONMENT,
                "'high-availability.storageDir' (hdfs://nowhere.invalid:1/x) is unusable: unknown host nowhere.invalid", null);

        assertThat(StartupErrors.fatal(scheme, 2)).contains(new AttemptOutcome.Fatal(scheme.getMessage()));
        assertThat(StartupErrors.fatal(host, 1)).contains(new AttemptOutcome.Fatal(host.getMessage()));
        assertThat(StartupErrors.fatal(host, 2)).isEmpty();
        assertThat(StartupErrors.zooKeeperUnavailable(host)).isFalse();
    }

    @Test
    void otherErrorsAreLeftToTheNextAttempt() {
        assertThat(StartupErrors.fatal(new BindException("Address already in use"), 1)).isEmpty();
        assertThat(StartupErrors.fatal(new IOException("NameNode not answering"), 1)).isEmpty();
        assertThat(StartupErrors.fatal(new IllegalStateException("bug"), 1)).isEmpty();
    }
}
