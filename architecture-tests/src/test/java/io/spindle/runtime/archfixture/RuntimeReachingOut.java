package io.spindle.runtime.archfixture;

import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.Assertions;

/** Breaks three rules on purpose: the runtime naming YARN, Curator, and test code. Never shipped. */
public final class RuntimeReachingOut {
    ApplicationId application;
    CuratorFramework client;

    void check() {
        Assertions.fail("fixture");
    }
}
