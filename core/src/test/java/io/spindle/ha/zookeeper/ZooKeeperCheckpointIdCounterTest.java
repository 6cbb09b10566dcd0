package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperCheckpointIdCounterTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private final List<CuratorFramework> clients = new ArrayList<>();
    private String clusterId;

    @BeforeEach
    void setUp() {
        clusterId = "cluster-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(CuratorFramework::close);
    }

    private CuratorFramework newClient() throws InterruptedException {
        CuratorFramework client = TestLeader.client(CLUSTER.zooKeeperConnectString(), clusterId);
        clients.add(client);
        return client;
    }

    /** The next {@code count} ids of {@code counter}, taken one after another under {@code fence}. */
    private static List<Long> take(ZooKeeperCheckpointIdCounter counter, LeaderFence fence, int count)
            throws LeadershipLostException, IOException, InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(counter.getAndIncrement(fence));
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 64})
    void idsStartAtOneAndIncreaseByOne(int blockSize) throws Exception {
        CuratorFramework client = newClient();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperCheckpointIdCounter counter = new ZooKeeperCheckpointIdCounter(client, "job-1", blockSize);

        assertThat(counter.get()).isEqualTo(1);
        List<Long> ids = take(counter, leader.fence(), 10);

        assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(counter.get()).isEqualTo(11);
        long reserved = Long.parseLong(new String(client.getData().forPath(counter.path()), StandardCharsets.US_ASCII));
        assertThat(reserved).isEqualTo(1 + (long) Math.ceil(10.0 / blockSize) * blockSize);
        // separate jobs, separate counters
        assertThat(new ZooKeeperCheckpointIdCounter(client, "job-2", blockSize).getAndIncrement(leader.fence())).isEqualTo(1);
    }

    @Test
    void idsIncreaseAcrossLeaders() throws Exception {
        CuratorFramework clientA = newClient();
        CuratorFramework clientB = newClient();
        TestLeader a1 = TestLeader.elect(clientA);
        ZooKeeperCheckpointIdCounter counterA = new ZooKeeperCheckpointIdCounter(clientA, "job-1", 10);
        ZooKeeperCheckpointIdCounter counterB = new ZooKeeperCheckpointIdCounter(clientB, "job-1", 10);
        List<Long> firstTerm = take(counterA, a1.fence(), 3);

        a1.depose();
        TestLeader b = TestLeader.elect(clientB);
        List<Long> secondTerm = take(counterB, b.fence(), 3);
        b.depose();
        TestLeader a2 = TestLeader.elect(clientA);
        List<Long> thirdTerm = take(counterA, a2.fence(), 3);

        assertThat(firstTerm).containsExactly(1L, 2L, 3L);
        assertThat(secondTerm).containsExactly(11L, 12L, 13L); // A's block was [1, 11)
        assertThat(thirdTerm).containsExactly(21L, 22L, 23L); // not 4, 5, 6 from A's old block
    }

    @Test
    void aDeposedLeaderThatDoesNotKnowMayFinishItsBlockButNoMore() throws Exception {
        CuratorFramework clientA = newClient();
        CuratorFramework clientB = newClient();
        TestLeader a = TestLeader.elect(clientA);
        ZooKeeperCheckpointIdCounter counterA = new ZooKeeperCheckpointIdCounter(clientA, "job-1", 10);
        assertThat(counterA.getAndIncrement(a.fence())).isEqualTo(1);
        a.depose();
        TestLeader b = TestLeader.elect(clientB);
        assertThat(new ZooKeeperCheckpointIdCounter(clientB, "job-1", 10).getAndIncrement(b.fence())).isEqualTo(11);

        List<Long> stale = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                stale.add(counterA.getAndIncrement(a.fence()));
            }
        }).isInstanceOf(LeadershipLostException.class);

        assertThat(stale).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L); // its own block, unique
        assertThat(a.lostCalls()).isEqualTo(1);
        assertThatThrownBy(() -> counterA.getAndIncrement(a.fence())).isInstanceOf(LeadershipLostException.class);
    }

    @Test
    void aDeposedLeaderIsRefusedByZooKeeperWhenItsFenceDoesNotKnowYet() throws Exception {
        CuratorFramework client = newClient();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperCheckpointIdCounter counter = new ZooKeeperCheckpointIdCounter(client, "job-1", 1);
        counter.getAndIncrement(leader.fence());

        leader.depose();

        assertThatThrownBy(() -> counter.getAndIncrement(leader.fence())).isInstanceOf(LeadershipLostException.class);
        assertThat(leader.lostCalls()).isEqualTo(1);
        assertThat(new String(client.getData().forPath(counter.path()), StandardCharsets.US_ASCII)).isEqualTo("2");
    }

    @Test
    void concurrentCallersGetUniqueIncreasingIds() throws Exception {
        CuratorFramework client = newClient();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperCheckpointIdCounter counter = new ZooKeeperCheckpointIdCounter(client, "job-1", 16);
        int threads = 8;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> take(counter, leader.fence(), perThread)));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> result : results) {
                List<Long> mine = result.get(30, TimeUnit.SECONDS);
                assertThat(mine).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * perThread);
            assertThat(Collections.min(all)).isEqualTo(1);
            assertThat(Collections.max(all)).isEqualTo(threads * perThread); // one instance, no failover: no gaps
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void competingInstancesNeverHandOutTheSameId() throws Exception {
        // Two instances writing at once (as two leaders never should): the compare-and-set alone keeps ids unique.
        int instances = 4;
        int perInstance = 200;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                CuratorFramework client = newClient();
                TestLeader leader = TestLeader.elect(client);
                ZooKeeperCheckpointIdCounter counter = new ZooKeeperCheckpointIdCounter(client, "job-1", 1 + i);
                tasks.add(() -> take(counter, leader.fence(), perInstance));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> result : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                List<Long> mine = result.get();
                assertThat(mine).isSortedAccordingTo(Long::compare);
                all.addAll(mine);
            }
            assertThat(all).hasSize(instances * perInstance);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void advanceToNeverLowersTheCounter() throws Exception {
        CuratorFramework client = newClient();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperCheckpointIdCounter counter = new ZooKeeperCheckpointIdCounter(client, "job-1", 10);

        counter.advanceTo(1000, leader.fence());
        assertThat(counter.getAndIncrement(leader.fence())).isEqualTo(1000);

        counter.advanceTo(5, leader.fence());
        assertThat(counter.getAndIncrement(leader.fence())).isEqualTo(1001);

        counter.advanceTo(1005, leader.fence()); // inside the reserved block
        assertThat(counter.getAndIncrement(leader.fence())).isEqualTo(1005);

        ZooKeeperCheckpointIdCounter successor = new ZooKeeperCheckpointIdCounter(newClient(), "job-1", 10);
        assertThat(successor.get()).isGreaterThan(1005);
        assertThatThrownBy(() -> counter.advanceTo(0, leader.fence())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageInTheCounterNodeIsReportedNamingIt() throws Exception {
        CuratorFramework client = newClient();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperCheckpointIdCounter counter = new ZooKeeperCheckpointIdCounter(client, "job-1", 1);
        client.create().creatingParentContainersIfNeeded().forPath(counter.path(), "twelve".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> counter.getAndIncrement(leader.fence()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(counter.path())
                .hasMessageContaining("twelve");
    }
}
