package io.spindle.bench.chaos;

import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.SignalContainerCommand;

/** SIGKILL of the ApplicationMaster's JVM (through the NodeManager, so any YARN cluster works). */
final class AmKill implements Fault {

    @Override
    public String name() {
        return "am-kill";
    }

    @Override
    public boolean applicable(ChaosTarget target) {
        return true;
    }

    @Override
    public String inject(ChaosTarget target) throws Exception {
        ContainerId am = target.amContainer();
        target.deployer().yarnClient().signalToContainer(am, SignalContainerCommand.FORCEFUL_SHUTDOWN);
        return "AM " + FaultObserver.shortContainer(am.toString());
    }
}
