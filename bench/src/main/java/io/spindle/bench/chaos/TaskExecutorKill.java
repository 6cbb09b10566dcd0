package io.spindle.bench.chaos;

/** {@code kill -9} of one TaskExecutor's JVM (picked at random; it must run on this machine). */
final class TaskExecutorKill implements Fault {

    @Override
    public String name() {
        return "te-kill";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return !target.taskExecutors().isEmpty();
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        LocalProcesses.ContainerProcess victim = target.pickTaskExecutor();
        LocalProcesses.signal(victim.pid(), "KILL");
        return "TE " + FaultObserver.shortContainer(victim.containerId());
    }
}
