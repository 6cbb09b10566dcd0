package io.spindle.bench.chaos;

/**
 * {@code kill -9} of the ZooKeeper member that leads the ensemble; the local cluster starts it
 * again a second later and it rejoins as a follower once the others elected a new leader.
 */
final class ZooKeeperLeaderRestart implements Fault {

    @Override
    public String name() {
        return "zk-leader-restart";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return target.localCluster().filter(LocalClusterAccess::hasZooKeeperEnsemble).isPresent();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        LocalClusterAccess cluster = target.ensemble();
        int leader = cluster.zooKeeperLeader().orElseThrow(() -> new IllegalStateException("no ZooKeeper leader"));
        long pid = cluster.zooKeeperPid(leader).orElseThrow();
        LocalProcesses.signal(pid, "KILL");
        return "member " + leader + " (leader, pid " + pid + ")";
    }
}
