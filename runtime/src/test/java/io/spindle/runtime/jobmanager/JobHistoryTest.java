package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.storage.JobResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history of ended jobs keeps the newest ones, whichever order their records arrive in. */
class JobHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void beyondItsSizeTheJobThatEndedFirstGoes() {
        JobHistory history = new JobHistory(2);
        // read from the job result store (oldest first), then one that ended under this leader
        history.addAll(List.of(ended("job-2", 2), ended("job-3", 3)));
        history.add(ended("job-1", 1));
        history.add(ended("job-4", 4));

        assertThat(history.statuses()).extracting(JobStatus::jobId).containsExactlyInAnyOrder("job-3", "job-4");
        assertThat(history.status("job-2")).isEmpty();
    }

    @Test
    void aJobRecordedTwiceKeepsItsFirstRecord() {
        JobHistory history = new JobHistory(5);
        history.add(new JobResult("job-1", JobResult.Status.SUCCEEDED, "", T0));
        history.add(new JobResult("job-1", JobResult.Status.FAILED, "later", T0.plusSeconds(9)));

        assertThat(history.statuses()).singleElement().extracting(JobStatus::state).isEqualTo(JobState.FINISHED);
    }

    private static JobResult ended(String jobId, int second) {
        return new JobResult(jobId, JobResult.Status.SUCCEEDED, "", T0.plusSeconds(second));
    }
}
