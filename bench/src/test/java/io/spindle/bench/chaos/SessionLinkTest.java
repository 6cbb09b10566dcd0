package io.spindle.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.minicluster.EmbeddedZooKeeper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's own REST polling must not open a connection to the JobManager per poll: each open
 * connection is a socket descriptor of the JobManager (Jetty closes an idle one after 30 s), which
 * the soak counts in {@code jobmanager_fds}. A new client per retry made that figure grow with the
 * poll rate (issue 17).
 */
class SessionLinkTest {

    private static final ApplicationId APP = ApplicationId.newInstance(1L, 1);

    @TempDir
    Path dir;

    private EmbeddedZooKeeper zooKeeper;
    private HttpServer jobManager;
    /** The client ends (address and port) of the connections the fake JobManager accepted requests on. */
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
    private Configuration conf;

    @BeforeEach
    void startZooKeeperAndAJobManagerWithNoJobs() throws Exception {
        zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zk"));
        jobManager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jobManager.createContext("/v1/jobs", exchange -> {
            connections.add(exchange.getRemoteAddress());
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jobManager.start();
        conf = Configuration.empty().with(HighAvailabilityOptions.ZOOKEEPER_QUORUM, zooKeeper.connectString());
        String restUrl = "http://127.0.0.1:" + jobManager.getAddress().getPort();
        try (CuratorFramework zk = new ZooKeeperClientFactory(conf.with(HighAvailabilityOptions.CLUSTER_ID,
                APP.toString())).startClusterClient()) {
            zk.create().creatingParentsIfNeeded().forPath(ZooKeeperLayout.JOBMANAGER_LEADER,
                    new LeaderInfo("attempt-1", "127.0.0.1:1", restUrl, UUID.randomUUID()).toBytes());
        }
    }

    @AfterEach
    void stop() {
        jobManager.stop(0);
        zooKeeper.close();
    }

    @Test
    void pollingTheSameLeaderUntilAConditionHoldsReusesOneConnection() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (SessionLink link = new SessionLink(conf, APP, Optional.empty())) {
            String answer = link.call(c -> {
                c.jobs(); // an answer in which the awaited job has not ended yet, as in SoakRun.awaitEnd
                if (polls.incrementAndGet() < 4) {
                    throw new IllegalStateException("not ended");
                }
                return "ended";
            }, Duration.ofMinutes(1));

            assertThat(answer).isEqualTo("ended");
        }
        assertThat(polls).hasValue(4);
        assertThat(connections).as("connections the four polls were sent on").hasSize(1);
    }
}
