package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.ParticipantFinishedPredicate;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * A separate JVM for {@link ZooKeeperLeaderElectionTest}: joins one cluster's election and prints
 * {@code GRANTED <sessionId>} when it leads, so the test can kill a real leader with SIGKILL. Runs
 * until killed. Arguments: {@code connectString namespace participantId sessionTimeoutMs}.
 */
final class LeaderProcessMain {

    private LeaderProcessMain() {}

    public static void main(String[] args) throws Exception {
        int sessionTimeoutMs = Integer.parseInt(args[3]);
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(args[0]).namespace(args[1])
                .sessionTimeoutMs(sessionTimeoutMs).connectionTimeoutMs(Math.min(15_000, sessionTimeoutMs))
                .retryPolicy(new RetryOneTime(100)).build();
        client.start();
        LeaderContender contender = new LeaderContender() {
            @Override
            public void grantLeadership(LeaderSession session) {
                System.out.println("GRANTED " + session.id());
                System.out.flush();
            }

            @Override
            public void revokeLeadership(LeaderSession session) {
            }
        };
        ZooKeeperLeaderElection election = new ZooKeeperLeaderElection(client, args[2], contender,
                ParticipantFinishedPredicate.NEVER, Duration.ofSeconds(1));
        election.start("", "");
        Thread.currentThread().join(); // until killed
    }
}
