package io.spindle.examples.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.spindle.examples.testing.JobDriver;
import io.spindle.examples.testing.OutputFiles;

/** Drives {@link CountingJob} tasks through crashes and checks the output is exactly-once. */
class CountingJobRecoveryTest {

    private static final int PARALLELISM = CountingRuns.PARALLELISM;
    private static final long COUNT = CountingRuns.COUNT;

    @RegisterExtension
    final CountingRuns runs = new CountingRuns();

    /** Every record of every task is in the committed output once. */
    private void assertExactlyOnce() throws Exception {
        CountingOutput.Report report = runs.verify();
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
    }

    @Test
    void runsToTheEndExactlyOnceWithoutFailures() throws Exception {
        JobDriver driver = runs.driver().deploy();
        driver.runToEnd(5);

        CountingOutput.Report report = runs.verify();
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
        assertThat(report.found()).isEqualTo(PARALLELISM * COUNT);
        assertThat(OutputFiles.pending(runs.fs(), runs.output())).isEmpty();
        assertThat(OutputFiles.inProgress(runs.fs(), runs.output())).isEmpty();
    }

    @Test
    void outputBecomesVisibleOnlyWhenItsCheckpointIsNotified() throws Exception {
        JobDriver driver = runs.driver().deploy();
        driver.steps(3);
        long cp = driver.snapshot();
        driver.complete(cp);
        assertThat(OutputFiles.parts(runs.fs(), runs.output())).isEmpty();
        assertThat(OutputFiles.pending(runs.fs(), runs.output())).hasSize(PARALLELISM);

        driver.notifyComplete(cp);
        assertThat(OutputFiles.parts(runs.fs(), runs.output())).hasSize(PARALLELISM);
        assertThat(runs.verify().distinct()).isEqualTo(PARALLELISM * 3 * 7);
    }

    @Test
    void crashBetweenSnapshotAndNotifyCommitsOnRestore() throws Exception {
        JobDriver driver = runs.driver().deploy();
        driver.steps(4);
        driver.checkpoint();
        driver.steps(4);
        long cp = driver.snapshot();
        driver.complete(cp); // durable, but no task heard of it
        driver.crash();
        assertThat(OutputFiles.parts(runs.fs(), runs.output())).noneMatch(n -> n.endsWith(String.format("-%010d", cp)));

        driver.deploy();
        // open() committed the restored checkpoint's pending output before any new step
        assertThat(OutputFiles.parts(runs.fs(), runs.output())).filteredOn(n -> n.endsWith(String.format("-%010d", cp)))
                .hasSize(PARALLELISM);
        assertThat(runs.verify().distinct()).isEqualTo(PARALLELISM * 8 * 7);
        assertThat(runs.verify().duplicates()).isZero();

        driver.runToEnd(6);
        assertExactlyOnce();
    }

    @Test
    void crashMidStepRunDiscardsTheUncheckpointedRecords() throws Exception {
        JobDriver driver = runs.driver().deploy();
        driver.steps(5);
        driver.checkpoint();
        driver.steps(3); // written to in-progress files, never snapshotted
        String crashed = driver.currentDeploymentId();
        assertThat(OutputFiles.inProgress(runs.fs(), runs.output())).hasSize(PARALLELISM).allMatch(n -> n.contains(crashed));
        driver.crash();

        driver.deploy();
        assertThat(OutputFiles.inProgress(runs.fs(), runs.output())).isEmpty();
        assertThat(runs.verify().distinct()).isEqualTo(PARALLELISM * 5 * 7);

        driver.runToEnd(4);
        assertExactlyOnce();
    }

    @Test
    void crashAfterSnapshotOfACheckpointThatNeverCompletedDiscardsItsPendingOutput() throws Exception {
        JobDriver driver = runs.driver().deploy();
        driver.steps(2);
        long completed = driver.checkpoint();
        driver.steps(2);
        driver.snapshot(); // never completes
        assertThat(OutputFiles.pending(runs.fs(), runs.output())).hasSize(PARALLELISM);
        driver.crash();

        driver.deploy();
        assertThat(driver.completedCheckpointId()).isEqualTo(completed);
        assertThat(OutputFiles.pending(runs.fs(), runs.output())).isEmpty();

        driver.runToEnd(3);
        assertExactlyOnce();
    }

    @Test
    void crashBeforeTheFirstCheckpointStartsAfresh() throws Exception {
        JobDriver driver = runs.driver().deploy();
        driver.steps(6);
        driver.snapshot();
        driver.crash();

        driver.deploy().runToEnd(10);
        assertExactlyOnce();
    }

    @Test
    void crashAfterTheFinalSnapshotBeforeItsNotifyStillCommitsEverything() throws Exception {
        JobDriver driver = runs.driver().deploy();
        while (driver.step()) {
            // run all tasks to their end without checkpoints
        }
        long last = driver.snapshot();
        driver.complete(last);
        driver.crash();
        assertThat(OutputFiles.parts(runs.fs(), runs.output())).isEmpty();

        driver.deploy();
        assertThat(driver.step()).isFalse(); // restored at the end: nothing more to do
        driver.runToEnd(1);
        assertExactlyOnce();
    }

    @Test
    void survivesManyCrashesAtRandomPoints() throws Exception {
        Random random = new Random(42);
        JobDriver driver = runs.driver().deploy();
        int crashes = 0;
        while (!driver.allFinished() && crashes < 12) {
            driver.steps(1 + random.nextInt(4));
            switch (random.nextInt(5)) {
                case 0 -> driver.checkpoint();
                case 1 -> { // snapshot, complete, crash before notify
                    driver.complete(driver.snapshot());
                    driver.crash();
                    driver.deploy();
                    crashes++;
                }
                case 2 -> { // snapshot that never completes
                    driver.snapshot();
                    driver.crash();
                    driver.deploy();
                    crashes++;
                }
                case 3 -> { // crash mid-run
                    driver.crash();
                    driver.deploy();
                    crashes++;
                }
                default -> { // two snapshots, the older notified late
                    long first = driver.snapshot();
                    driver.steps(1);
                    long second = driver.snapshot();
                    driver.complete(second);
                    driver.notifyComplete(second);
                    driver.notifyComplete(first);
                }
            }
            if (random.nextInt(3) == 0) {
                driver.checkpoint(); // make progress
            }
        }
        driver.runToEnd(5);

        assertThat(crashes).isGreaterThan(3);
        assertExactlyOnce();
    }

    @Test
    void failAtFailsOnceThenRunsToTheEndAfterARestart() throws Exception {
        JobDriver driver = runs.driver("--fail-at", "50").deploy();
        assertThatThrownBy(() -> driver.runToEnd(3))
                .isInstanceOf(InjectedFailureException.class)
                .hasMessageContaining("record 50");
        assertThat(runs.fs().exists(new Path(runs.output(), FailureInjector.MARKER))).isTrue();
        driver.fail();

        driver.deploy().runToEnd(3);
        assertExactlyOnce();
    }

    @Test
    void failAlwaysFailsOnEveryAttemptAndNeverDuplicates() throws Exception {
        JobDriver driver = runs.driver("--fail-always").deploy();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> driver.runToEnd(2))
                    .isInstanceOf(InjectedFailureException.class)
                    .hasMessageContaining("record " + COUNT / 2);
            driver.fail();
            driver.deploy();
        }
        CountingOutput.Report report = runs.verify();
        assertThat(report.exactlyOnce()).isFalse();
        assertThat(report.duplicates()).isZero();
        assertThat(report.missing()).isPositive();
        assertThat(report.missingExamples()).contains("0," + COUNT / 2);
    }

    @Test
    void restoringFromAnOlderCheckpointThanTheLatestCommittedIsCaughtAsDuplicates() throws Exception {
        // Shows the oracle can fail: resuming from a stale checkpoint re-emits committed records.
        JobDriver driver = runs.driver().deploy();
        driver.steps(2);
        long older = driver.checkpoint();
        driver.steps(2);
        driver.checkpoint();
        driver.complete(older); // as if the newer checkpoint's pointer were lost
        driver.crash();

        driver.deploy().runToEnd(5);
        CountingOutput.Report report = runs.verify();
        assertThat(report.exactlyOnce()).isFalse();
        assertThat(report.duplicates()).isEqualTo(PARALLELISM * 2 * 7);
        assertThat(report.missing()).isZero();
        assertThat(report.describe()).startsWith("NOT exactly-once").contains(PARALLELISM * 2 * 7 + " duplicates");
    }

    @Test
    void stepSleepsForTheStepDelay() throws Exception {
        JobDriver driver = runs.driver("--step-delay-ms", "30").deploy();
        long start = System.nanoTime();
        driver.steps(2);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isGreaterThanOrEqualTo(2 * PARALLELISM * 30L);
    }
}
