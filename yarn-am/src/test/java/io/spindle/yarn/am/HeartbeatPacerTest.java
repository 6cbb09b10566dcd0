package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatPacerTest {

    private final List<Integer> intervals = new ArrayList<>();
    private final HeartbeatPacer pacer = new HeartbeatPacer(intervals::add);

    @Test
    void fastWhileRequestsAreOutstandingAndBackToIdleWhenTheLastIsRemoved() {
        pacer.requestAdded();
        pacer.requestAdded();
        assertThat(intervals).containsExactly(HeartbeatPacer.PENDING_MS);
        pacer.requestRemoved();
        assertThat(intervals).containsExactly(HeartbeatPacer.PENDING_MS);
        pacer.requestRemoved();
        assertThat(intervals).containsExactly(HeartbeatPacer.PENDING_MS, HeartbeatPacer.IDLE_MS);
        pacer.requestAdded();
        assertThat(intervals).containsExactly(HeartbeatPacer.PENDING_MS, HeartbeatPacer.IDLE_MS,
                HeartbeatPacer.PENDING_MS);
    }

    @Test
    void aRemovalWithoutAnAdditionChangesNothing() {
        pacer.requestRemoved();
        pacer.requestAdded();
        pacer.requestRemoved();
        assertThat(intervals).containsExactly(HeartbeatPacer.PENDING_MS, HeartbeatPacer.IDLE_MS);
    }
}
