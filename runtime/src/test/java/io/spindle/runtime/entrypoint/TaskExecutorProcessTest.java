package io.spindle.runtime.entrypoint;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.testing.SpindleClusterExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A TaskExecutor process whose start fails after its RPC server is up closes what it had opened. */
class TaskExecutorProcessTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    @Test
    void aStartFailingOnTheLastEndpointFreesTheRpcPortAgain() throws Exception {
        int rpcPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            rpcPort = probe.getLocalPort();
        }
        try (ServerSocket metricsPortTaken = new ServerSocket(0)) {
            Map<String, String> values = RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                    CLUSTER.workDir().resolve("ha").toUri().toString(), "te-start-fails");
            values.put("taskmanager.rpc.port", Integer.toString(rpcPort));
            values.put("taskmanager.metrics.port", Integer.toString(metricsPortTaken.getLocalPort()));
            Configuration conf = RuntimeConfig.of(values);

            assertThatThrownBy(() -> TaskExecutorProcess.start(conf, new org.apache.hadoop.conf.Configuration(), "",
                    CLUSTER.workDir().resolve("te"))).isInstanceOf(IOException.class);
        }
        assertThatCode(() -> new ServerSocket(rpcPort).close()).as("the RPC port of the failed start is free")
                .doesNotThrowAnyException();
    }
}
