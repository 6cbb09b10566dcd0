package io.spindle.bench.chaos;

import java.time.Duration;

/** A restart of the local cluster's only DataNode: state and output writes in progress fail. */
final class DataNodeRestart implements Fault {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "datanode-restart";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return target.localCluster().isPresent();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        long ms = target.localCluster().orElseThrow().restartDataNode(TIMEOUT);
        return "DataNode 0 (back after " + ms + " ms)";
    }
}
