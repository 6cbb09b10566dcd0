package io.spindle.yarn.client;

import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import java.time.Duration;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/** Cleanup shared by the tests that start applications. */
public final class YarnClusterDeployerTestSupport {

    private YarnClusterDeployerTestSupport() {
    }

    /** Kills the application unless it has ended, and waits (bounded) until it and its last attempt have. */
    public static void killAndAwaitTerminal(SpindleClusterExtension cluster, ApplicationId appId) throws Exception {
        if (!YarnApps.TERMINAL_APP_STATES.contains(
                cluster.yarnClient().getApplicationReport(appId).getYarnApplicationState())) {
            cluster.yarnClient().killApplication(appId);
        }
        YarnApps.awaitTerminal(cluster.yarnClient(), appId, Duration.ofSeconds(60));
    }
}
