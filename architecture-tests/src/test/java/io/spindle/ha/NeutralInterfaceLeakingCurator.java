package io.spindle.ha;

import org.apache.curator.framework.CuratorFramework;

/** Breaks the rule that io.spindle.ha is backend-neutral. Never shipped. */
public interface NeutralInterfaceLeakingCurator {
    CuratorFramework client();
}
