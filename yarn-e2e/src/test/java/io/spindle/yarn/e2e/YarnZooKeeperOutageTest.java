package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.examples.counting.CountingOutput;
import io.spindle.ha.LeaderInfo;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ContainerLogs;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole ZooKeeper stopped in the middle of a job on YARN, for longer than the session timeout,
 * then started again on the same port with the same data: the session's ApplicationMaster and its
 * TaskExecutor containers ride it out without a person. The AM's JobManager rejoins the election
 * and leads again under a new leader session, the TaskExecutors follow it, and the job finishes
 * with every record exactly once, resumed from a checkpoint.
 */
class YarnZooKeeperOutageTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;

    private static final int COUNT = 3000;

    @RegisterExtension
    static final YarnE2eFixture E2E = new YarnE2eFixture();

    @AfterEach
    void restartZooKeeper() throws Exception {
        if (!CLUSTER.zooKeeperServer().isRunning()) {
            CLUSTER.zooKeeperServer().restart();
        }
    }

    private static Map<String, String> values() {
        Map<String, String> values = YarnE2eCluster.quickRecoveryValues(CLUSTER);
        values.put("restart-strategy.fixed-delay.attempts", "20");
        values.put("high-availability.zookeeper.client.session-timeout", "3 s");
        values.put("high-availability.zookeeper.client.connection-timeout", "3 s");
        values.put("high-availability.zookeeper.client.retry-wait", "200 ms");
        values.put("high-availability.zookeeper.client.max-retry-wait", "1 s");
        return values;
    }

    @Test
    void sessionRidesOutZooKeeperStoppedForLongerThanTheSessionTimeout() throws Exception {
        try (YarnClusterDeployer deployer = YarnE2eCluster.deployer(CLUSTER.hadoopConf()).build()) {
            ClusterHandle session = deployer.deploySession(Configuration.fromMap(values()));
            ApplicationId app = E2E.started(session.applicationId());
            RestClusterClient first = YarnE2eCluster.owner(deployer, session);
            LeaderInfo before = YarnE2eCluster.leader(E2E.zk(), app).orElseThrow();
            String jobId = first.submit(E2E.jar(), CountingJob.class.getName(), List.of("--output",
                    CLUSTER.hdfsUri() + "/out/yarn-outage", "--count", Integer.toString(COUNT), "--step-delay-ms", "3"),
                    2, "counting");
            await("2 completed checkpoints").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    first.job(jobId).checkpoints().stream().filter(c -> c.status().equals("COMPLETED")).count() >= 2);
            int taskExecutors = first.overview().taskExecutors();
            assertThat(taskExecutors).as("TaskExecutors before the outage").isPositive();

            CLUSTER.zooKeeperServer().stop();
            await("the AM's JobManager gave its ZooKeeper session up (the session timeout passed)")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> logsContain(app, "the ZooKeeper session was lost"));
            CLUSTER.zooKeeperServer().restart();

            LeaderInfo after = await("the AM leads again, under a new leader session").atMost(Duration.ofSeconds(60))
                    .ignoreExceptions().until(() -> YarnE2eCluster.leader(E2E.zk(), app), info -> info.isPresent()
                            && !info.get().sessionId().equals(before.sessionId())
                            && new RestClusterClient(info.get().restUrl()).overview().leader())
                    .orElseThrow();
            assertThat(after.participantId()).as("the same attempt leads").isEqualTo(before.participantId());
            RestClusterClient rest = new RestClusterClient(after.restUrl());
            await("the TaskExecutors follow the leader published after the outage").atMost(Duration.ofSeconds(60))
                    .ignoreExceptions().until(() -> rest.overview().taskExecutors() >= taskExecutors);
            await("the job ends").atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> rest.jobs().stream()
                    .anyMatch(job -> job.jobId().equals(jobId) && job.state().isTerminal()));
            JobStatus status = rest.jobs().stream().filter(job -> job.jobId().equals(jobId)).findFirst().orElseThrow();
            assertThat(status.state()).isEqualTo(JobState.FINISHED);
            CountingOutput.Report report = CountingOutput.verify(CLUSTER.fileSystem(),
                    new org.apache.hadoop.fs.Path("/out/yarn-outage"), 2, COUNT);
            assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
            assertThat(logsContain(app, "Recovered job " + jobId + " (counting) at checkpoint "))
                    .as("the job resumed from a checkpoint after the outage, not from the start").isTrue();
            assertThat(YarnE2eCluster.latchParticipants(E2E.zk(), app)).as("the AM's JobManager is back in the election")
                    .containsExactly(before.participantId());
            deployer.stop(app);
        }
    }

    /** Whether any container log of the application contains {@code text}. */
    private static boolean logsContain(ApplicationId app, String text) {
        for (Path file : ContainerLogs.files(CLUSTER.yarnCluster(), app)) {
            try {
                if (new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
