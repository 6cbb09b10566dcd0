package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.testing.ClassJars;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.LogAggregationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logs where YARN keeps them: on a MiniYARNCluster with log aggregation into the MiniDFS, a per-job
 * application's containers log to {@code spindle.log}, {@code stdout} and {@code stderr}, and after
 * the application ends the aggregated logs (read as {@code yarn logs} reads them) hold the AM's
 * {@code spindle.log} with its leader line and each TaskExecutor's. The log aggregation patterns of
 * the configuration reach the ResourceManager with the submission.
 */
class YarnLogAggregationTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;

    @Test
    void afterTheApplicationEndsTheAggregatedLogsHoldEachContainersSpindleLog() throws Exception {
        Map<String, String> values = YarnE2eCluster.values(CLUSTER);
        values.put("taskmanager.numberOfTaskSlots", "2");
        values.put("execution.checkpointing.interval", "300 ms");
        values.put("yarn.log-aggregation.rolled-logs-include-pattern", "spindle\\.log\\.[0-9]+");
        values.put("yarn.log-aggregation.exclude-pattern", "nothing-to-exclude");
        ApplicationId app;
        try (YarnClusterDeployer deployer = YarnE2eCluster.deployer(CLUSTER.hadoopConf())
                .console(System.out::println)
                .build()) {
            ClusterHandle handle = deployer.deployPerJob(Configuration.fromMap(values), new JobDescription(
                    ClassJars.jarContaining(CountingJob.class, CLUSTER.workDir()), CountingJob.class.getName(),
                    List.of("--output", CLUSTER.hdfsUri() + "/out/logs", "--count", "200"), 2, "logs"));
            app = handle.applicationId();
            LogAggregationContext asked = CLUSTER.yarnCluster().getResourceManager().getRMContext().getRMApps()
                    .get(app).getApplicationSubmissionContext().getLogAggregationContext();
            assertThat(asked.getRolledLogsIncludePattern()).isEqualTo("spindle\\.log\\.[0-9]+");
            assertThat(asked.getExcludePattern()).isEqualTo("nothing-to-exclude");
            assertThat(asked.getIncludePattern()).isNullOrEmpty();
            ApplicationReport report = YarnApps.awaitTerminal(CLUSTER.yarnClient(), app, Duration.ofSeconds(120));
            assertThat(report.getFinalApplicationStatus()).as(report.getDiagnostics())
                    .isEqualTo(FinalApplicationStatus.SUCCEEDED);
        }

        String owner = UserGroupInformation.getCurrentUser().getShortUserName();
        String amContainer = CLUSTER.yarnClient().getApplicationAttemptReport(
                CLUSTER.yarnClient().getApplicationReport(app).getCurrentApplicationAttemptId()).getAMContainerId().toString();
        await("the AM's spindle.log is aggregated").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                AggregatedLogs.read(CLUSTER.hadoopConf(), app, owner)
                        .getOrDefault(amContainer, Map.of()).containsKey("spindle.log"));
        Map<String, Map<String, String>> logs = AggregatedLogs.read(CLUSTER.hadoopConf(), app, owner);

        assertThat(logs.get(amContainer)).containsKeys("spindle.log", "stdout", "stderr");
        assertThat(logs.get(amContainer).get("spindle.log")).contains("Elected leader of cluster " + app);
        assertThat(logs).as("the AM and at least one TaskExecutor").hasSizeGreaterThanOrEqualTo(2);
        logs.forEach((container, files) -> assertThat(files).as(container).containsKey("spindle.log")
                .doesNotContainKeys("jobmanager.log", "taskexecutor.log"));
        assertThat(logs.entrySet()).filteredOn(e -> !e.getKey().equals(amContainer))
                .allSatisfy(e -> assertThat(e.getValue().get("spindle.log")).contains("TaskExecutor"));
    }
}
