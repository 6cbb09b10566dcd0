package io.spindle.runtime.jobmanager;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import io.spindle.runtime.rpc.Ack;
import io.spindle.runtime.rpc.UpdateDelegationTokensRequest;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import io.spindle.security.SealedPayload;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes the latest Hadoop delegation tokens the process hosting the JobManager obtained (on a
 * Kerberized YARN cluster, the ApplicationMaster's fresh ones) to the TaskExecutors of the leader
 * session: to every registered one when they change, and to each one that registers later (such as
 * the TaskExecutors an earlier attempt started), over the authenticated {@code UpdateDelegationTokens}
 * RPC, sealed with the cluster secret ({@link SealedPayload}: the RPC is plaintext, the tokens are
 * credentials). Without a secret (authentication off) nothing is sent. A refusal or failure is
 * logged; the next update or registration tries again.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class DelegationTokenDistribution {

    private static final Logger LOG = LoggerFactory.getLogger(DelegationTokenDistribution.class);

    /** The purpose the tokens are sealed for ({@link SealedPayload}). */
    static final String PURPOSE = "UpdateDelegationTokens";

    private final Duration rpcTimeout;
    private final Optional<ClusterSecret> secret;
    private ByteString latest;

    DelegationTokenDistribution(Duration rpcTimeout, ClusterAuthentication authentication) {
        this.rpcTimeout = rpcTimeout;
        this.secret = authentication.secret();
    }

    /** New tokens: kept, and sent to every TaskExecutor of {@code leader} (null: not leading). */
    void update(byte[] credentials, LeaderContext leader) {
        if (secret.isEmpty()) {
            LOG.warn("Not passing delegation tokens to TaskExecutors: without a cluster secret they would cross the"
                    + " network readable");
            return;
        }
        latest = ByteString.copyFrom(SealedPayload.seal(secret.get(), PURPOSE, credentials));
        if (leader == null) {
            return;
        }
        for (RegisteredTaskExecutor te : leader.registry().all()) {
            send(te, leader.sessionId());
        }
    }

    /** A TaskExecutor registered with {@code leader}: it gets the latest tokens, if any. */
    void registered(LeaderContext leader, String taskExecutorId) {
        if (latest == null || leader == null) {
            return;
        }
        leader.registry().get(taskExecutorId).ifPresent(te -> send(te, leader.sessionId()));
    }

    private void send(RegisteredTaskExecutor te, String sessionId) {
        UpdateDelegationTokensRequest request = UpdateDelegationTokensRequest.newBuilder()
                .setLeaderSessionId(sessionId).setCredentials(latest).build();
        Futures.addCallback(te.stub(rpcTimeout.toMillis()).updateDelegationTokens(request), new FutureCallback<Ack>() {
            @Override
            public void onSuccess(Ack ack) {
                if (ack.getAccepted()) {
                    LOG.debug("TaskExecutor {} took the fresh delegation tokens", te);
                } else {
                    LOG.warn("TaskExecutor {} refused the fresh delegation tokens: {}", te, ack.getReason());
                }
            }

            @Override
            public void onFailure(Throwable t) {
                LOG.warn("Could not pass the fresh delegation tokens to TaskExecutor {}: {}", te, Calls.rootMessage(t));
            }
        }, MoreExecutors.directExecutor());
    }
}
