package io.spindle.bench.ha;

import io.spindle.ha.zookeeper.ZooKeeperCheckpointIdCounter;
import io.spindle.ha.zookeeper.ZooKeeperLeaderFence;
import org.apache.curator.framework.CuratorFramework;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code counter_ops_per_s}: one thread calls {@link ZooKeeperCheckpointIdCounter#getAndIncrement}
 * with the leader's fence, on a new counter per run (so the first call creates the znode, as for a
 * new job). The ids must come out strictly increasing. Not thread-safe; one instance per bench.
 */
final class CounterBench {

    private final HaBenchSettings settings;
    private final CuratorFramework leaderClient;
    private final ZooKeeperLeaderFence fence;

    CounterBench(HaBenchSettings settings, CuratorFramework leaderClient, ZooKeeperLeaderFence fence) {
        this.settings = settings;
        this.leaderClient = leaderClient;
        this.fence = fence;
    }

    /** @return {@code counter_ops_per_s} */
    Figure counter() throws Exception {
        measure("counter-warmup", Math.min(500, settings.counterOps()));
        List<Double> samples = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            long nanos = measure("counter-" + run, settings.counterOps());
            samples.add(Figure.opsPerSecond(settings.counterOps(), nanos));
        }
        return new Figure("counter_ops_per_s", Figure.OPS_PER_SECOND, samples);
    }

    private long measure(String jobId, int ops) throws Exception {
        ZooKeeperCheckpointIdCounter counter = new ZooKeeperCheckpointIdCounter(leaderClient, jobId, settings.counterBlockSize());
        long previous = Long.MIN_VALUE;
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            long id = counter.getAndIncrement(fence);
            if (id <= previous) {
                throw new IOException("Checkpoint id counter " + counter.path() + " returned " + id + " after " + previous);
            }
            previous = id;
        }
        return System.nanoTime() - start;
    }
}
