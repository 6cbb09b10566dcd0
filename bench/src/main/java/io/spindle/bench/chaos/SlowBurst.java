package io.spindle.bench.chaos;

import java.time.Duration;

/**
 * A burst of slowness at the JobManager: SIGSTOP of the AM's JVM for 3 s, then SIGCONT. Its
 * checkpoint RPCs, TaskExecutor heartbeats, RM heartbeats and ZooKeeper pings stall as on a slow
 * disk or network, shorter than the ZooKeeper session and the heartbeat timeouts.
 */
final class SlowBurst implements Fault {

    private static final Duration PAUSE = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "am-slow";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return target.amProcess().isPresent();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        LocalProcesses.ContainerProcess am = target.amProcess().orElseThrow();
        ProcessPause.pause(am.pid(), PAUSE);
        return "AM " + FaultObserver.shortContainer(am.containerId()) + " for " + PAUSE.toMillis() + " ms";
    }
}
