package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartupTimelineTest {

    @Test
    void theFirstRecordOfAStepCountsAndStepsComeInTimeOrder() {
        StartupTimeline timeline = new StartupTimeline();
        timeline.recordAt(StartupTimeline.TASKS_RUNNING, Instant.ofEpochMilli(3_000));
        timeline.recordAt(StartupTimeline.LEADER, Instant.ofEpochMilli(1_000));
        timeline.recordAt(StartupTimeline.LEADER, Instant.ofEpochMilli(2_000));

        assertThat(timeline.steps()).containsExactly(
                new StartupTimeline.Step(StartupTimeline.LEADER, Instant.ofEpochMilli(1_000)),
                new StartupTimeline.Step(StartupTimeline.TASKS_RUNNING, Instant.ofEpochMilli(3_000)));
    }

    @Test
    void aTimelineOfThisJvmStartsWithItsStartTime() {
        assertThat(StartupTimeline.ofThisJvm().steps()).containsExactly(new StartupTimeline.Step(
                StartupTimeline.JVM_STARTED, Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())));
    }
}
