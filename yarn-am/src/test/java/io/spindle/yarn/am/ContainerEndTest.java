package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerEndTest {

    @Test
    void aCleanExitIsNoFailure() {
        assertThat(ContainerEnd.of(ContainerExitStatus.SUCCESS)).isEqualTo(ContainerEnd.EXITED_CLEANLY);
        assertThat(ContainerEnd.EXITED_CLEANLY.countsAsFailure()).isFalse();
    }

    @ParameterizedTest(name = "exit status {0}")
    @ValueSource(ints = {ContainerExitStatus.PREEMPTED, ContainerExitStatus.KILLED_BY_RESOURCEMANAGER,
            ContainerExitStatus.KILLED_BY_APPMASTER, ContainerExitStatus.KILLED_AFTER_APP_COMPLETION,
            ContainerExitStatus.ABORTED, ContainerExitStatus.DISKS_FAILED,
            ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER})
    void endsYarnCausesForItsOwnReasonsAreNoFailure(int exitStatus) {
        assertThat(ContainerEnd.of(exitStatus)).isEqualTo(ContainerEnd.ENDED_BY_YARN);
        assertThat(ContainerEnd.ENDED_BY_YARN.countsAsFailure()).isFalse();
    }

    @ParameterizedTest(name = "exit status {0}")
    @ValueSource(ints = {1, 2, 137, 143, -1, ContainerExitStatus.KILLED_EXCEEDED_PMEM,
            ContainerExitStatus.KILLED_EXCEEDED_VMEM, ContainerExitStatus.KILLED_FOR_EXCESS_LOGS,
            ContainerExitStatus.INVALID})
    void aNonZeroExitOrAKillForTheContainersOwnExcessIsAFailure(int exitStatus) {
        assertThat(ContainerEnd.of(exitStatus)).isEqualTo(ContainerEnd.FAILED);
        assertThat(ContainerEnd.FAILED.countsAsFailure()).isTrue();
    }

    @Test
    void readsTheExitStatusOfAContainerStatus() {
        assertThat(ContainerEnd.of(YarnRecords.completed(YarnRecords.containerId(1, 2), ContainerExitStatus.PREEMPTED)))
                .isEqualTo(ContainerEnd.ENDED_BY_YARN);
        assertThat(ContainerEnd.of(YarnRecords.completed(YarnRecords.containerId(1, 2), 1)))
                .isEqualTo(ContainerEnd.FAILED);
    }
}
