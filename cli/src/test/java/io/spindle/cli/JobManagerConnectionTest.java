package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestServer;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait for the next leader, against real REST endpoints: a published leader on a closed port
 * (it just died), then a live JobManager REST server.
 */
class JobManagerConnectionTest {

    @TempDir
    Path tmp;

    private final FakeGateway gateway = new FakeGateway();
    private RestServer live;
    private String dead;
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        live = new RestServer(gateway, "127.0.0.1", 0, tmp.resolve("uploads"), ClusterAuthentication.withSecret(ClusterSecret.generate(), false)).start();
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        live.close();
    }

    /** Publishes the dead leader for the first {@code deadLookups} lookups, then the live one. */
    private static final class FailoverLocator implements ClusterLocator {
        private final List<String> urls;
        private final AtomicInteger lookups = new AtomicInteger();
        private final boolean follows;

        FailoverLocator(List<String> urls, boolean follows) {
            this.urls = new ArrayList<>(urls);
            this.follows = follows;
        }

        @Override
        public String leaderRestUrl() {
            int n = lookups.getAndIncrement();
            return urls.get(Math.min(n, urls.size() - 1));
        }

        @Override
        public String describe() {
            return "the test's leader list";
        }

        @Override
        public boolean followsPublishedLeader() {
            return follows;
        }
    }

    private JobManagerConnection connection(ClusterLocator locator, Duration wait) {
        return new JobManagerConnection(locator, wait, new PrintWriter(err, true));
    }

    @Test
    void aRefusedPublishedLeaderIsReplacedByTheNextOneWithOneWarning() throws Exception {
        JobStatus job = gateway.add("after-failover", JobState.RUNNING);
        FailoverLocator locator = new FailoverLocator(List.of(dead, dead, live.url()), true);

        List<JobStatus> jobs = connection(locator, Duration.ofSeconds(30)).call(client -> client.jobs());

        assertThat(jobs).extracting(JobStatus::jobId).containsExactly(job.jobId());
        assertThat(err.toString().strip()).isEqualTo("Warning: the JobManager leader at " + dead
                + " refuses connections; waiting up to 30 s for the next leader");
        assertThat(locator.lookups.get()).as("the dead leader twice, then the live one").isEqualTo(3);
    }

    @Test
    void aFixedAddressIsNotWaitedFor() {
        FailoverLocator locator = new FailoverLocator(List.of(dead, live.url()), false);
        assertThatThrownBy(() -> connection(locator, Duration.ofSeconds(30)).call(client -> client.jobs()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot reach JobManager at " + dead);
        assertThat(err.toString()).isEmpty();
        assertThat(locator.lookups.get()).isEqualTo(1);
    }

    @Test
    void theWaitIsBounded() {
        FailoverLocator locator = new FailoverLocator(List.of(dead), true);
        long start = System.nanoTime();
        assertThatThrownBy(() -> connection(locator, Duration.ofSeconds(2)).call(client -> client.jobs()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("no reachable JobManager leader within 2 s (the test's leader list): cannot reach"
                        + " JobManager at " + dead);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
