package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;

/** What {@code spindle ha gc} may remove of an ended application, and which names are application ids. */
class ApplicationLeftoversTest {

    private static final ApplicationId APP = ApplicationId.newInstance(1700000000000L, 7);

    private static ApplicationLeftovers ended(YarnApplicationState state, FinalApplicationStatus status) {
        return new ApplicationLeftovers(APP, state, status, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void haDataOfAFailedApplicationIsKeptUnlessIncludeFailed() {
        for (ApplicationLeftovers failed : new ApplicationLeftovers[] {
                ended(YarnApplicationState.FAILED, FinalApplicationStatus.FAILED),
                ended(YarnApplicationState.FINISHED, FinalApplicationStatus.FAILED)}) {
            assertThat(failed.failed()).isTrue();
            assertThat(failed.removesHaData(false)).isFalse();
            assertThat(failed.removesHaData(true)).isTrue();
        }
        for (ApplicationLeftovers other : new ApplicationLeftovers[] {
                ended(YarnApplicationState.KILLED, FinalApplicationStatus.KILLED),
                ended(YarnApplicationState.FINISHED, FinalApplicationStatus.SUCCEEDED),
                ended(YarnApplicationState.FINISHED, FinalApplicationStatus.KILLED)}) {
            assertThat(other.removesHaData(false)).as(other.stateDescription()).isTrue();
        }
    }

    @Test
    void anApplicationThatHasNotEndedIsRefused() {
        assertThatThrownBy(() -> ended(YarnApplicationState.RUNNING, FinalApplicationStatus.UNDEFINED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has not ended");
    }

    @Test
    void onlyCanonicalApplicationIdsMapToApplications() {
        assertThat(LeftoverScan.parse("application_1700000000000_0007")).hasValue(APP);
        assertThat(LeftoverScan.parse("application_1700000000000_10000"))
                .hasValue(ApplicationId.newInstance(1700000000000L, 10000));
        assertThat(LeftoverScan.parse("cluster_one")).isEmpty();
        assertThat(LeftoverScan.parse("application_1700000000000_7")).as("not as YARN prints it").isEmpty();
        assertThat(LeftoverScan.parse("application_x_0001")).isEmpty();
    }
}
