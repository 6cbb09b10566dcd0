package io.spindle.bench.ha;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.zookeeper.ZooKeeperLeaderElection;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A process that takes part in one cluster's leader election and reports on standard output, so
 * that benchmarks and tests can kill a real leader JVM with SIGKILL.
 *
 * <p>Arguments: {@code connectString namespace participantId sessionTimeoutMs}. Prints
 * {@code JOINED}, then {@code GRANTED <sessionId>} and {@code REVOKED <sessionId>} as leadership
 * comes and goes. Reading {@code quit} (or end of input) on standard input leaves the election
 * gracefully and exits.
 */
public final class ElectionParticipantMain {

    private ElectionParticipantMain() {
    }

    /**
     * @param args connect string, namespace, participant id, session timeout in milliseconds
     * @throws Exception if the participant cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("Usage: ElectionParticipantMain <connectString> <namespace> <participantId> <sessionTimeoutMs>");
            System.exit(2);
        }
        int sessionTimeoutMs = Integer.parseInt(args[3]);
        try (CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(args[0])
                .namespace(args[1])
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(Math.min(15_000, sessionTimeoutMs))
                .retryPolicy(new BoundedExponentialBackoffRetry(100, 1_000, 10))
                .build()) {
            client.start();
            LeaderContender contender = new LeaderContender() {
                @Override
                public void grantLeadership(LeaderSession session) {
                    say("GRANTED " + session.id());
                }

                @Override
                public void revokeLeadership(LeaderSession session) {
                    say("REVOKED " + session.id());
                }
            };
            try (ZooKeeperLeaderElection election = new ZooKeeperLeaderElection(client, args[2], contender,
                    ParticipantFinishedPredicate.NEVER, Duration.ofSeconds(1))) {
                election.start("", "");
                say("JOINED");
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !line.strip().equals("quit")) {
                    // keep running until told to quit
                }
            }
        }
        say("LEFT");
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
