package io.spindle.bench.chaos;

import java.time.Duration;

/** SIGSTOP of one TaskExecutor's JVM for 2 to 6 s (seeded), then SIGCONT. */
final class TaskExecutorPause implements Fault {

    @Override
    public String name() {
        return "te-pause";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return !target.taskExecutors().isEmpty();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        LocalProcesses.ContainerProcess victim = target.pickTaskExecutor();
        Duration pause = Duration.ofMillis(2000 + target.random().nextInt(4000));
        ProcessPause.pause(victim.pid(), pause);
        return "TE " + FaultObserver.shortContainer(victim.containerId()) + " for " + pause.toMillis() + " ms";
    }
}
