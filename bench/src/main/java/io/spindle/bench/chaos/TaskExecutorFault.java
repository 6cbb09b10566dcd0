package io.spindle.bench.chaos;

import java.time.Duration;

/**
 * A fault of one TaskExecutor's JVM, picked at random (it must run on this machine): {@code kill -9}
 * ({@link #kill}), or SIGSTOP for 2 to 6 s (seeded) and then SIGCONT ({@link #pause}).
 */
final class TaskExecutorFault implements Fault {

    private final boolean pause;

    private TaskExecutorFault(boolean pause) {
        this.pause = pause;
    }

    /** {@code kill -9} of the TaskExecutor. */
    static TaskExecutorFault kill() {
        return new TaskExecutorFault(false);
    }

    /** SIGSTOP of the TaskExecutor for 2 to 6 s, then SIGCONT. */
    static TaskExecutorFault pause() {
        return new TaskExecutorFault(true);
    }

    @Override
    public String name() {
        return pause ? "te-pause" : "te-kill";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return !target.taskExecutors().isEmpty();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        LocalProcesses.ContainerProcess victim = target.pickTaskExecutor();
        String hit = "TE " + FaultObserver.shortContainer(victim.containerId());
        if (!pause) {
            LocalProcesses.signal(victim.pid(), "KILL");
            return hit;
        }
        Duration duration = Duration.ofMillis(2000 + target.random().nextInt(4000));
        ProcessPause.pause(victim.pid(), duration);
        return hit + " for " + duration.toMillis() + " ms";
    }
}
