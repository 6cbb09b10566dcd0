package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fenced writes for one leader session: every write is a ZooKeeper transaction whose first
 * operation checks that this leader's own latch node still exists.
 *
 * <p>Why that suffices: latch nodes are ephemeral and sequential, and this session was granted
 * leadership while its node was the lowest. No lower node can appear later, so as long as the node
 * exists this session is the leader. When the node is gone (session expired during a pause or a
 * partition, the latch was closed, or a successor preempted it), the check fails, ZooKeeper
 * applies none of the transaction, and the writer gets a {@link LeadershipLostException}. The fence
 * then counts as broken: every later write fails at once, and the {@code onLost} callback runs once
 * so that the owner steps down.
 *
 * <p>Thread-safe: many writes may run concurrently.
 */
public final class ZooKeeperLeaderFence implements LeaderFence {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeaderFence.class);

    private final CuratorFramework client;
    private final String latchNodePath;
    private final UUID leaderSessionId;
    private final Runnable onLost;
    private final AtomicBoolean broken = new AtomicBoolean();

    /**
     * @param client          the started client of this leader (same namespace as the latch)
     * @param latchNodePath   this leader's own latch node
     * @param leaderSessionId the leader session this fence guards, for messages
     * @param onLost          runs once, on the first write refused for lost leadership
     */
    public ZooKeeperLeaderFence(CuratorFramework client, String latchNodePath, UUID leaderSessionId, Runnable onLost) {
        this.client = client;
        this.latchNodePath = latchNodePath;
        this.leaderSessionId = leaderSessionId;
        this.onLost = onLost;
    }

    /**
     * @param fence a fence given to a ZooKeeper store
     * @return it, as the ZooKeeper fence it must be
     * @throws IllegalArgumentException if it was issued by another HA backend
     */
    public static ZooKeeperLeaderFence of(LeaderFence fence) {
        if (fence instanceof ZooKeeperLeaderFence zooKeeper) {
            return zooKeeper;
        }
        throw new IllegalArgumentException("A ZooKeeper store needs a fence of the ZooKeeper leader election, not "
                + (fence == null ? "null" : fence.getClass().getName()));
    }

    @Override
    public UUID leaderSessionId() {
        return leaderSessionId;
    }

    /** @return the latch node whose existence proves leadership */
    public String latchNodePath() {
        return latchNodePath;
    }

    @Override
    public boolean isValid() {
        return !broken.get();
    }

    /** Breaks the fence without a callback: used when leadership is revoked by the election itself. */
    @Override
    public void invalidate() {
        broken.set(true);
    }

    /** @return the client, to build {@link CuratorOp}s with {@code client.transactionOp()} */
    public CuratorFramework client() {
        return client;
    }

    /** A transaction of the latch check alone. */
    @Override
    public void confirmLeadership() throws LeadershipLostException, IOException, InterruptedException {
        try {
            commit(List.of());
        } catch (LeadershipLostException | IOException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw ZooKeeperFailures.io("Confirming the leadership of session " + leaderSessionId, e);
        }
    }

    /**
     * Runs the operations as one transaction, fenced by the latch check.
     *
     * <p>After a connection loss the transaction may have been applied although the answer was
     * lost; if the latch node is gone by the time this is checked, the caller gets a
     * {@link LeadershipLostException} all the same, and Curator's retry of a request whose answer
     * was lost may be refused although the first attempt was applied. So only a refusal before
     * anything was sent (the fence was broken already) is certain; callers that must know read back
     * what they wrote.
     *
     * @param ops the operations, applied all or none
     * @return the results of {@code ops} (without the check's)
     * @throws LeadershipLostException if this session is no longer the leader (see above for when
     *                                 nothing was applied for certain)
     * @throws KeeperException         if one of the operations failed for another reason; nothing was applied
     * @throws Exception               on connection loss or interruption (outcome unknown to the caller)
     */
    public List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws Exception {
        try {
            return commitAsync(ops).get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * As {@link #commit(List)}, without blocking: ZooKeeper pipelines concurrent transactions, so
     * issuing many at once costs far fewer round trips and disk syncs than issuing them in turn.
     *
     * @param ops the operations, applied all or none
     * @return completes with the results of {@code ops}, or exceptionally with a
     *     {@link LeadershipLostException}, a {@link KeeperException} or another failure
     */
    public CompletableFuture<List<CuratorTransactionResult>> commitAsync(List<CuratorOp> ops) {
        CompletableFuture<List<CuratorTransactionResult>> result = new CompletableFuture<>();
        if (broken.get()) {
            result.completeExceptionally(new WriteNotSentException(lost().getMessage()));
            return result;
        }
        List<CuratorOp> fenced = new ArrayList<>(ops.size() + 1);
        try {
            fenced.add(client.transactionOp().check().forPath(latchNodePath));
            fenced.addAll(ops);
            client.transaction().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.OK) {
                    List<CuratorTransactionResult> all = event.getOpResults();
                    result.complete(List.copyOf(all.subList(1, all.size())));
                } else if (event.getOpResults() == null || event.getOpResults().isEmpty()) {
                    // No per-operation results (connection loss): asking ZooKeeper again must not block its event thread.
                    CompletableFuture.runAsync(() -> classifyFailure(code, null, result));
                } else {
                    classifyFailure(code, event.getOpResults(), result);
                }
            }).forOperations(fenced);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void classifyFailure(KeeperException.Code code, List<CuratorTransactionResult> opResults,
                                 CompletableFuture<List<CuratorTransactionResult>> result) {
        boolean checkFailed = opResults != null && !opResults.isEmpty() && opResults.get(0).getError() != 0;
        if (!checkFailed && (opResults == null || opResults.isEmpty())) {
            // No per-operation results (e.g. connection loss): find out whether our node still stands.
            try {
                checkFailed = client.checkExists().forPath(latchNodePath) == null;
            } catch (Exception e) {
                result.completeExceptionally(KeeperException.create(code));
                return;
            }
        }
        if (checkFailed) {
            LeadershipLostException lost = lost();
            if (broken.compareAndSet(false, true)) {
                LOG.warn("Leader session {} lost leadership: latch node {} is gone; stepping down", leaderSessionId, latchNodePath);
                onLost.run();
            }
            result.completeExceptionally(lost);
        } else {
            result.completeExceptionally(KeeperException.create(code, firstFailedPath(opResults)));
        }
    }

    private static String firstFailedPath(List<CuratorTransactionResult> opResults) {
        if (opResults != null) {
            for (CuratorTransactionResult r : opResults) {
                if (r.getError() != 0 && r.getError() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                    return r.getForPath();
                }
            }
        }
        return null;
    }

    private LeadershipLostException lost() {
        return new LeadershipLostException("Leader session " + leaderSessionId
                + " is no longer the leader (latch node " + latchNodePath + " is gone); write refused");
    }

    private static Exception unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof Exception e ? e : new RuntimeException(cause);
    }
}
