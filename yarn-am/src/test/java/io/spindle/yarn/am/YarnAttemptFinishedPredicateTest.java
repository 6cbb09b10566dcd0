package io.spindle.yarn.am;

import static io.spindle.yarn.am.YarnRecords.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.exceptions.ApplicationAttemptNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class YarnAttemptFinishedPredicateTest {

    private final FixedResourceManagerReports resourceManager = new FixedResourceManagerReports();
    private final YarnAttemptFinishedPredicate predicate = new YarnAttemptFinishedPredicate(resourceManager, attempt(3));

    @ParameterizedTest
    @EnumSource(value = YarnApplicationAttemptState.class, names = {"FINISHED", "FAILED", "KILLED"})
    void anEarlierAttemptTheResourceManagerReportsEndedIsFinished(YarnApplicationAttemptState state) throws Exception {
        resourceManager.attempts.put(attempt(2), state);

        assertThat(predicate.isFinished(attempt(2).toString())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = YarnApplicationAttemptState.class, names = {"FINISHED", "FAILED", "KILLED"}, mode = EnumSource.Mode.EXCLUDE)
    void anEarlierAttemptStillAliveIsNotFinished(YarnApplicationAttemptState state) throws Exception {
        resourceManager.attempts.put(attempt(1), state);

        assertThat(predicate.isFinished(attempt(1).toString())).isFalse();
    }

    @Test
    void neverAsksAboutItselfALaterAttemptAnotherApplicationOrANonAttempt() throws Exception {
        ApplicationAttemptId otherApp = ApplicationAttemptId.newInstance(ApplicationId.newInstance(1L, 99), 1);
        resourceManager.attempts.put(attempt(3), YarnApplicationAttemptState.FINISHED);
        resourceManager.attempts.put(attempt(4), YarnApplicationAttemptState.FINISHED);
        resourceManager.attempts.put(otherApp, YarnApplicationAttemptState.FINISHED);

        assertThat(predicate.isFinished(attempt(3).toString())).isFalse();
        assertThat(predicate.isFinished(attempt(4).toString())).isFalse();
        assertThat(predicate.isFinished(otherApp.toString())).isFalse();
        assertThat(predicate.isFinished("localhost:8081-1a2b3c4d")).isFalse();
        assertThat(resourceManager.questions).isZero();
    }

    @Test
    void prefetchedEarlierAttemptsThatEndedNeedNoFurtherQuestion() throws Exception {
        resourceManager.attempts.put(attempt(1), YarnApplicationAttemptState.FAILED);
        resourceManager.attempts.put(attempt(2), YarnApplicationAttemptState.RUNNING);

        predicate.prefetchEarlierAttempts().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(resourceManager.questions).isEqualTo(2);

        assertThat(predicate.isFinished(attempt(1).toString())).isTrue();
        assertThat(resourceManager.questions).as("remembered").isEqualTo(2);
        assertThat(predicate.isFinished(attempt(2).toString())).as("still running: asked again").isFalse();
        assertThat(resourceManager.questions).isEqualTo(3);
    }

    @Test
    void aResourceManagerThatCannotAnswerPropagates() {
        assertThatThrownBy(() -> predicate.isFinished(attempt(1).toString()))
                .isInstanceOf(ApplicationAttemptNotFoundException.class);
    }
}
