package io.spindle.yarn.am;

import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;

/** YARN records for unit tests: ids, containers and statuses of one made-up application. */
final class YarnRecords {

    static final ApplicationId APP = ApplicationId.newInstance(1_700_000_000_000L, 7);
    static final NodeId NODE = NodeId.newInstance("node-1.invalid", 45454);

    private YarnRecords() {}

    static ApplicationAttemptId attempt(int attempt) {
        return ApplicationAttemptId.newInstance(APP, attempt);
    }

    static ContainerId containerId(int attempt, long number) {
        return ContainerId.newContainerId(attempt(attempt), number);
    }

    static Container container(int attempt, long number) {
        return Container.newInstance(containerId(attempt, number), NODE, NODE.getHost() + ":8042",
                Resource.newInstance(1024, 1), Priority.newInstance(1), null);
    }

    static ContainerStatus completed(ContainerId id, int exitStatus) {
        return ContainerStatus.newInstance(id, ContainerState.COMPLETE, "diagnostics of " + id, exitStatus);
    }
}
