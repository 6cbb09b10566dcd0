package io.spindle.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void theSameSeedReplaysTheSameScheduleAndAnotherSeedDoesNot() {
        ChaosSchedule a = ChaosSchedule.plan(42, TEN_MINUTES, 12);
        ChaosSchedule b = ChaosSchedule.plan(42, TEN_MINUTES, 12);
        ChaosSchedule c = ChaosSchedule.plan(43, TEN_MINUTES, 12);

        assertThat(a.describe()).isEqualTo(b.describe());
        assertThat(c.describe()).isNotEqualTo(a.describe());
    }

    @Test
    void tenMinutesHaveTheFaultsTheIssueAsksForInsideTheWindowInTimeOrder() {
        ChaosSchedule schedule = ChaosSchedule.plan(7, TEN_MINUTES, ChaosSchedule.defaultFaults(TEN_MINUTES));
        Map<String, Long> counts = schedule.faults().stream()
                .collect(Collectors.groupingBy(p -> p.fault().name(), Collectors.counting()));

        assertThat(schedule.faults()).hasSize(12);
        assertThat(counts).containsEntry("am-kill", 3L).containsEntry("zk-leader-restart", 1L)
                .containsEntry("datanode-restart", 1L).containsEntry("zk-ensemble-restart", 1L)
                .containsEntry("am-slow", 1L);
        assertThat(counts.get("te-kill") + counts.get("te-pause")).isEqualTo(5);
        List<Duration> times = schedule.faults().stream().map(ChaosSchedule.Planned::at).toList();
        assertThat(times).isSorted().allSatisfy(t -> assertThat(t).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(8)));
    }

    @Test
    void aShortRunStillHasOneOfEachCoreFault() {
        ChaosSchedule schedule = ChaosSchedule.plan(17, Duration.ofMinutes(3), ChaosSchedule.defaultFaults(Duration.ofMinutes(3)));

        assertThat(schedule.faults()).map(p -> p.fault().name())
                .containsExactlyInAnyOrder("am-kill", "te-kill", "zk-leader-restart", "datanode-restart");
    }

    @Test
    void refusesRunsTooShortForAFaultWindow() {
        assertThatThrownBy(() -> ChaosSchedule.plan(1, Duration.ofSeconds(30), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 minute");
    }
}
