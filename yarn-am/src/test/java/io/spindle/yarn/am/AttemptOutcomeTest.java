package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.jobmanager.ClusterTermination;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.Test;

class AttemptOutcomeTest {

    @Test
    void aClusterEndFinishesTheApplicationWithTheMatchingFinalStatus() {
        assertThat(AttemptOutcome.of(new ClusterTermination(ClusterTermination.Status.SUCCEEDED, "done")))
                .isEqualTo(new AttemptOutcome.Finished(FinalApplicationStatus.SUCCEEDED, "done"));
        assertThat(AttemptOutcome.of(new ClusterTermination(ClusterTermination.Status.KILLED, "cancelled")))
                .isEqualTo(new AttemptOutcome.Finished(FinalApplicationStatus.KILLED, "cancelled"));
        assertThat(AttemptOutcome.of(new ClusterTermination(ClusterTermination.Status.FAILED, "job failed")))
                .isEqualTo(new AttemptOutcome.Finished(FinalApplicationStatus.FAILED, "job failed"));
    }

    @Test
    void theHaDataIsRemovedUnlessTheApplicationFailed() {
        assertThat(new AttemptOutcome.Finished(FinalApplicationStatus.SUCCEEDED, "").removesHaData()).isTrue();
        assertThat(new AttemptOutcome.Finished(FinalApplicationStatus.KILLED, "").removesHaData()).isTrue();
        assertThat(AttemptOutcome.failed("too many container failures").removesHaData()).isFalse();
    }

    @Test
    void aFinishedApplicationExitsZeroAndARetriedAttemptNonZero() {
        assertThat(AttemptOutcome.failed("x").exitCode()).isZero();
        assertThat(new AttemptOutcome.RetryAttempt("RM unreachable").exitCode()).isNotZero();
    }

    @Test
    void aFatalStartUnregistersFailedWithItsDiagnosticAndExitsZero() {
        AttemptOutcome.Fatal fatal = new AttemptOutcome.Fatal("'high-availability.zookeeper.quorum' unreachable");

        assertThat(fatal.finished()).isEqualTo(new AttemptOutcome.Finished(FinalApplicationStatus.FAILED,
                "'high-availability.zookeeper.quorum' unreachable"));
        assertThat(fatal.exitCode()).as("it unregistered: nothing for YARN to retry").isZero();
    }

    @Test
    void aResourceManagerErrorRetriesTheAttemptAndAShutdownRequestFailsTheApplication() {
        CompletableFuture<AttemptOutcome> onError = new CompletableFuture<>();
        new AmCallbacks(onError).onError(new java.io.IOException("connection refused"));
        assertThat(onError.join()).isInstanceOfSatisfying(AttemptOutcome.RetryAttempt.class,
                retry -> assertThat(retry.reason()).contains("ResourceManager communication failed")
                        .contains("connection refused"));

        CompletableFuture<AttemptOutcome> onShutdown = new CompletableFuture<>();
        new AmCallbacks(onShutdown).onShutdownRequest();
        assertThat(onShutdown.join()).isEqualTo(AttemptOutcome.failed(
                "the ResourceManager asked the ApplicationMaster to shut down"));
    }

    @Test
    void theFirstOutcomeWins() {
        CompletableFuture<AttemptOutcome> outcome = new CompletableFuture<>();
        AmCallbacks callbacks = new AmCallbacks(outcome);

        callbacks.onShutdownRequest();
        callbacks.onError(new java.io.IOException("later"));

        assertThat(outcome.join()).isInstanceOf(AttemptOutcome.Finished.class);
    }
}
