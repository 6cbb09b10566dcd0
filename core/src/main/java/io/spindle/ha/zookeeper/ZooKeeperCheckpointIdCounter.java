package io.spindle.ha.zookeeper;

import io.spindle.ha.CheckpointIdCounter;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoint id counter of one job, in znode {@link ZooKeeperLayout#checkpointCounter(String)}.
 *
 * <p>Guarantee: ids handed out by {@link #getAndIncrement} are unique and strictly increasing
 * across all instances and leaders of the cluster: an id from a later leader is greater than
 * every id of an earlier one. The first id of a job is {@value #INITIAL_CHECKPOINT_ID}.
 *
 * <p>How: the znode holds, as decimal text, the next id nobody has reserved. An instance reserves
 * a block of {@code blockSize} ids with one fenced compare-and-set of that value (a ZooKeeper
 * transaction that checks the leader's latch node and the counter's version; on a version
 * conflict it rereads and retries), then hands them out from memory. A block belongs to the
 * fence (leader session) that reserved it and is dropped when another fence is used, so a leader
 * that regains leadership later never reuses its old, lower block. Ids of a dropped or unfinished
 * block are skipped: after a failover ids have a gap of up to {@code blockSize - 1}. With
 * {@code blockSize == 1} every id costs one fenced round trip and there are no gaps.
 *
 * <p>Ids of a reserved block are handed out without contacting ZooKeeper. So a leader that was
 * deposed and does not know it yet (its fence has not failed a write) may still hand out the rest
 * of its block, ids lower than the new leader's. They stay unique, and nothing that leader does
 * with them can be committed: its pointer writes are fenced, and TaskExecutors reject its old
 * leader session id. Once the block is used up, the next reservation is refused by ZooKeeper.
 * Ids that take effect (completed checkpoints) therefore increase across leaders.
 *
 * <p>Thread-safe: calls are serialised (a block reservation holds other callers for one round trip).
 */
public final class ZooKeeperCheckpointIdCounter implements CheckpointIdCounter {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperCheckpointIdCounter.class);

    /** A block size that makes the counter cheap (one fenced round trip per 64 ids) at the cost of gaps after failovers. */
    public static final int DEFAULT_BLOCK_SIZE = 64;

    /** Bound on compare-and-set conflicts in a row; the counter has one writer per leader, so conflicts are rare. */
    private static final int MAX_CONFLICTS = 100;

    private final CuratorFramework client;
    private final String jobId;
    private final String path;
    private final int blockSize;

    // Guarded by this.
    private LeaderFence blockFence;
    private long next;
    private long limit;
    /** Value and version of the znode as last read or written by us; version -1 if unknown. */
    private long nodeValue;
    private int nodeVersion = -1;
    /** End of the highest block this instance reserved: never start below it, even if the znode was reset. */
    private long reservedUpTo = INITIAL_CHECKPOINT_ID;

    /**
     * @param client    the started client (the cluster's namespace)
     * @param jobId     the job; a single path element
     * @param blockSize how many ids one fenced reservation covers, {@code >= 1}
     */
    public ZooKeeperCheckpointIdCounter(CuratorFramework client, String jobId, int blockSize) {
        this.client = Objects.requireNonNull(client, "client");
        if (jobId == null || jobId.isEmpty() || jobId.contains("/")) {
            throw new IllegalArgumentException("Invalid job id '" + jobId + "'");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("Block size must be at least 1, not " + blockSize);
        }
        this.jobId = jobId;
        this.path = ZooKeeperLayout.checkpointCounter(jobId);
        this.blockSize = blockSize;
    }

    /** @return the counter's znode */
    public String path() {
        return path;
    }

    /**
     * @param fence the leader's fence
     * @return a new checkpoint id, greater than every id handed out before by any leader
     * @throws LeadershipLostException if the fence is broken or refused a reservation
     * @throws IOException             on ZooKeeper failures, if the counter znode holds garbage, or the client fails
     * @throws InterruptedException    if interrupted
     */
    @Override
    public synchronized long getAndIncrement(LeaderFence fence)
            throws LeadershipLostException, IOException, InterruptedException {
        ZooKeeperLeaderFence zk = checkFence(fence);
        if (blockFence != zk || next >= limit) {
            reserve(zk, 0);
        }
        return next++;
    }

    /**
     * @return the id the next {@link #getAndIncrement} of this instance returns if this instance
     *     holds ids of a valid fence; otherwise the next unreserved id in ZooKeeper
     *     ({@value #INITIAL_CHECKPOINT_ID} if the counter does not exist)
     * @throws IOException          on ZooKeeper failures, if the counter znode holds garbage, or the client fails
     * @throws InterruptedException if interrupted
     */
    @Override
    public synchronized long get() throws IOException, InterruptedException {
        if (blockFence != null && blockFence.isValid() && next < limit) {
            return next;
        }
        return read() ? nodeValue : INITIAL_CHECKPOINT_ID;
    }

    /**
     * Makes every id handed out from now on at least {@code minimumNextId} (for example, one past
     * the id of a checkpoint or savepoint the job was restored from). Never lowers the counter:
     * if the ids are already at or above that value, nothing changes.
     *
     * @param minimumNextId the lowest id the next {@link #getAndIncrement} may return
     * @param fence         the leader's fence
     * @throws LeadershipLostException if the fence is broken or refused the update
     * @throws IOException             on ZooKeeper failures, if the counter znode holds garbage, or the client fails
     * @throws InterruptedException    if interrupted
     */
    @Override
    public synchronized void advanceTo(long minimumNextId, LeaderFence fence)
            throws LeadershipLostException, IOException, InterruptedException {
        ZooKeeperLeaderFence zk = checkFence(fence);
        if (minimumNextId < INITIAL_CHECKPOINT_ID) {
            throw new IllegalArgumentException("Checkpoint ids start at " + INITIAL_CHECKPOINT_ID + ", not " + minimumNextId);
        }
        if (blockFence == zk && next < limit) {
            if (minimumNextId <= next) {
                return;
            }
            if (minimumNextId < limit) {
                next = minimumNextId; // within our own reserved block
                return;
            }
        }
        blockFence = null;
        reserve(zk, minimumNextId);
        LOG.info("Checkpoint id counter of job {} advanced: next id {}", jobId, next);
    }

    /**
     * Reserves a new block starting at the counter's value or {@code minimumStart}, whichever is larger.
     */
    private void reserve(ZooKeeperLeaderFence fence, long minimumStart)
            throws LeadershipLostException, IOException, InterruptedException {
        for (int conflicts = 0; ; conflicts++) {
            if (conflicts > MAX_CONFLICTS) {
                throw new IOException("Checkpoint id counter " + path + " changed concurrently " + MAX_CONFLICTS
                        + " times in a row; is another leader writing it?");
            }
            boolean exists = nodeVersion >= 0 || read();
            long start = Math.max(Math.max(exists ? nodeValue : INITIAL_CHECKPOINT_ID, minimumStart), reservedUpTo);
            long end;
            try {
                end = Math.addExact(start, blockSize);
            } catch (ArithmeticException e) {
                throw new IOException("Checkpoint id counter " + path + " is exhausted at " + start, e);
            }
            byte[] data = Long.toString(end).getBytes(StandardCharsets.US_ASCII);
            try {
                if (exists) {
                    List<CuratorTransactionResult> results = fence.commit(List.of(client.transactionOp().setData()
                            .withVersion(nodeVersion).forPath(path, data)));
                    Stat stat = results.get(0).getResultStat();
                    nodeVersion = stat != null ? stat.getVersion() : nodeVersion + 1;
                } else {
                    fence.commit(List.of(client.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(path, data)));
                    nodeVersion = 0;
                    LOG.info("Created checkpoint id counter {} of job {}", path, jobId);
                }
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
                nodeVersion = -1; // someone else moved it (or our retried request did): reread
                continue;
            } catch (KeeperException.NoNodeException e) {
                nodeVersion = -1;
                if (!exists) {
                    createParents();
                }
                continue;
            } catch (LeadershipLostException | InterruptedException e) {
                nodeVersion = -1;
                throw e;
            } catch (Exception e) {
                nodeVersion = -1;
                throw ZooKeeperFailures.io("Reserving checkpoint ids in " + path, e);
            }
            nodeValue = end;
            reservedUpTo = end;
            blockFence = fence;
            next = start;
            limit = end;
            LOG.debug("Reserved checkpoint ids [{}, {}) of job {} for leader session {}", start, end, jobId, fence.leaderSessionId());
            return;
        }
    }

    /** Reads the znode into nodeValue/nodeVersion; false if it does not exist. */
    private boolean read() throws IOException, InterruptedException {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            nodeVersion = -1;
            return false;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw ZooKeeperFailures.io("Reading checkpoint id counter " + path, e);
        }
        nodeValue = decode(data);
        nodeVersion = stat.getVersion();
        return true;
    }

    private long decode(byte[] data) throws IOException {
        String text = data == null ? "" : new String(data, StandardCharsets.US_ASCII);
        try {
            long value = Long.parseLong(text);
            if (value >= INITIAL_CHECKPOINT_ID) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("Invalid checkpoint id counter in znode " + path + ": expected a decimal number >= "
                + INITIAL_CHECKPOINT_ID + ", found '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }

    private void createParents() throws IOException, InterruptedException {
        try {
            client.createContainers(ZooKeeperLayout.checkpointsOf(jobId));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw ZooKeeperFailures.io("Creating " + ZooKeeperLayout.checkpointsOf(jobId), e);
        }
    }

    private static ZooKeeperLeaderFence checkFence(LeaderFence fence) throws LeadershipLostException {
        ZooKeeperLeaderFence zk = ZooKeeperLeaderFence.of(fence);
        if (!zk.isValid()) {
            throw new LeadershipLostException("Leader session " + zk.leaderSessionId()
                    + " is no longer the leader; no checkpoint id handed out");
        }
        return zk;
    }
}
