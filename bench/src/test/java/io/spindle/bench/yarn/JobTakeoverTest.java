package io.spindle.bench.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading what a new leader did with a job from its job detail. */
class JobTakeoverTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    private static JobDetail detail(String deployment, int restarts, CheckpointStats... newestFirst) {
        JobStatus status = new JobStatus("job-1", "counting", JobState.RUNNING, 2, T0, null, restarts, null, T0);
        return new JobDetail(status, "CountingJob", List.of(), 0, List.of(newestFirst), deployment, 0);
    }

    private static CheckpointStats checkpoint(long id, String status, long atMs, long durationMs) {
        return new CheckpointStats(id, status, T0.plusMillis(atMs), durationMs, null);
    }

    private final JobDetail before = detail("d-1", 0, checkpoint(3, "COMPLETED", 100, 20));

    @Test
    void anAdoptionKeepingTheDeploymentRestartsNoTaskAndItsFirstCheckpointIsTheOldestCompletedAfterIt() {
        JobDetail after = detail("d-1", 0,
                checkpoint(6, "IN_PROGRESS", 3000, -1),
                checkpoint(5, "COMPLETED", 2000, 40),
                checkpoint(4, "COMPLETED", 1500, 30),
                checkpoint(3, "ADOPTED", 1000, -1),
                checkpoint(3, "COMPLETED", 100, -1));

        JobTakeover takeover = JobTakeover.read(before, after).orElseThrow();

        assertThat(takeover.adopted()).isTrue();
        assertThat(takeover.recovery()).isEqualTo("adopted");
        assertThat(takeover.takeoverCheckpointId()).isEqualTo(3);
        assertThat(takeover.takenOverAt()).isEqualTo(T0.plusMillis(1000));
        assertThat(takeover.firstCheckpointId()).isEqualTo(4);
        assertThat(takeover.firstCheckpointCompletedAt()).isEqualTo(T0.plusMillis(1530));
        assertThat(takeover.taskRestarts()).isZero();
    }

    @Test
    void aRestoreRedeploysEveryTaskAndCountsRestartsOnTop() {
        JobDetail after = detail("d-2", 1,
                checkpoint(5, "COMPLETED", 2000, 40),
                checkpoint(3, "RESTORED", 1000, -1));

        JobTakeover takeover = JobTakeover.read(before, after).orElseThrow();

        assertThat(takeover.adopted()).isFalse();
        assertThat(takeover.recovery()).isEqualTo("restored");
        assertThat(takeover.taskRestarts()).as("2 tasks redeployed, then 2 restarted once").isEqualTo(4);
    }

    @Test
    void nothingIsReadBeforeTheTakeoverOrBeforeTheNewLeaderCompletedACheckpoint() {
        assertThat(JobTakeover.read(before, detail("d-1", 0, checkpoint(3, "COMPLETED", 100, -1)))).isEmpty();
        assertThat(JobTakeover.read(before, detail("d-1", 0,
                checkpoint(4, "IN_PROGRESS", 1500, -1),
                checkpoint(3, "ADOPTED", 1000, -1),
                checkpoint(3, "COMPLETED", 100, -1)))).as("an earlier leader's completed checkpoint does not count")
                .isEmpty();
    }
}
