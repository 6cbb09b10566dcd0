package io.spindle.bench.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kill -9} of every ZooKeeper member at once: the quorum is gone until the local cluster has
 * started them again and they elected a leader; every client session must reconnect (sessions
 * survive, as their expiry is measured by the new leader).
 */
final class ZooKeeperEnsembleRestart implements Fault {

    @Override
    public String name() {
        return "zk-ensemble-restart";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return target.localCluster().filter(LocalClusterAccess::hasZooKeeperEnsemble).isPresent();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        LocalClusterAccess cluster = target.ensemble();
        List<Long> pids = new ArrayList<>();
        for (int id : cluster.zooKeeperMembers()) {
            pids.add(cluster.zooKeeperPid(id).orElseThrow());
        }
        for (long pid : pids) {
            LocalProcesses.signal(pid, "KILL");
        }
        return "members " + cluster.zooKeeperMembers() + " (pids " + pids + ")";
    }
}
