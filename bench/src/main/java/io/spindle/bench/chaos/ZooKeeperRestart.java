package io.spindle.bench.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kill -9} of ZooKeeper members of the local cluster's ensemble, which starts them again a
 * second later. {@link #leader}: the member that leads; it rejoins as a follower once the others
 * elected a new leader. {@link #ensemble}: every member at once; the quorum is gone until they are
 * back and elected a leader, and every client session must reconnect (sessions survive, as their
 * expiry is measured by the new leader).
 */
final class ZooKeeperRestart implements Fault {

    private final boolean wholeEnsemble;

    private ZooKeeperRestart(boolean wholeEnsemble) {
        this.wholeEnsemble = wholeEnsemble;
    }

    /** The leading member. */
    static ZooKeeperRestart leader() {
        return new ZooKeeperRestart(false);
    }

    /** Every member. */
    static ZooKeeperRestart ensemble() {
        return new ZooKeeperRestart(true);
    }

    @Override
    public String name() {
        return wholeEnsemble ? "zk-ensemble-restart" : "zk-leader-restart";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return target.localCluster().filter(LocalClusterAccess::hasZooKeeperEnsemble).isPresent();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        LocalClusterAccess cluster = target.ensemble();
        List<Integer> members = wholeEnsemble ? cluster.zooKeeperMembers()
                : List.of(cluster.zooKeeperLeader().orElseThrow(() -> new IllegalStateException("no ZooKeeper leader")));
        List<Long> pids = new ArrayList<>();
        for (int id : members) {
            pids.add(cluster.zooKeeperPid(id).orElseThrow());
        }
        for (long pid : pids) {
            LocalProcesses.signal(pid, "KILL");
        }
        return wholeEnsemble ? "members " + members + " (pids " + pids + ")"
                : "member " + members.get(0) + " (leader, pid " + pids.get(0) + ")";
    }
}
