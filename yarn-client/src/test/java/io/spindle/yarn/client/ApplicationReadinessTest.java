package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.util.Records;
import org.junit.jupiter.api.Test;

class ApplicationReadinessTest {

    private static final ApplicationId APP = ApplicationId.newInstance(1_700_000_000_000L, 7);

    private static ApplicationReport report(YarnApplicationState state, FinalApplicationStatus status, String diagnostics) {
        ApplicationReport report = Records.newRecord(ApplicationReport.class);
        report.setApplicationId(APP);
        report.setYarnApplicationState(state);
        report.setFinalApplicationStatus(status);
        report.setDiagnostics(diagnostics);
        return report;
    }

    @Test
    void anApplicationItsMasterFailedIsReportedWithTheMastersDiagnosticAsTheError() {
        String error = ApplicationReadiness.endedBeforeReady(APP, report(YarnApplicationState.FINISHED,
                FinalApplicationStatus.FAILED, "Could not connect to ZooKeeper at 127.0.0.1:1\n('high-availability.zookeeper.quorum')"));

        assertThat(error).isEqualTo("Application " + APP + " failed: Could not connect to ZooKeeper at 127.0.0.1:1"
                + " ('high-availability.zookeeper.quorum')");
    }

    @Test
    void anApplicationYarnEndedNamesStateAndFinalStatus() {
        assertThat(ApplicationReadiness.endedBeforeReady(APP, report(YarnApplicationState.FAILED,
                FinalApplicationStatus.FAILED, "AM container exited with exitCode: 2")))
                .isEqualTo("Application " + APP + " ended as FAILED (FAILED) before it was ready: AM container exited"
                        + " with exitCode: 2");
        assertThat(ApplicationReadiness.endedBeforeReady(APP, report(YarnApplicationState.KILLED,
                FinalApplicationStatus.KILLED, "")))
                .isEqualTo("Application " + APP + " ended as KILLED (KILLED) before it was ready: no diagnostics");
    }
}
