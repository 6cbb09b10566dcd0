package io.spindle.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.jobmanager.JobSubmissionException.Reason;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The REST layer, not the JobManager, decides the HTTP status of a refusal. */
class ErrorResponsesTest {

    @Test
    void anUnknownJobIs404AndEveryOtherRefusalIs400() {
        assertThat(ErrorResponses.status(Reason.UNKNOWN_JOB)).isEqualTo(404);
        for (Reason reason : EnumSet.complementOf(EnumSet.of(Reason.UNKNOWN_JOB))) {
            assertThat(ErrorResponses.status(reason)).as(reason.name()).isEqualTo(400);
        }
    }
}
