package io.spindle.examples.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.spindle.examples.testing.JobDriver;

/** {@code --emitted-log}: what counting tasks record they emitted, through crashes and failures. */
class EmittedLogTest {

    private static final int PARALLELISM = CountingRuns.PARALLELISM;
    private static final long COUNT = CountingRuns.COUNT;
    private static final int PER_STEP = CountingRuns.PER_STEP;

    @RegisterExtension
    final CountingRuns runs = new CountingRuns();

    private int emittedFiles() throws IOException {
        return runs.fs().listStatus(new Path(runs.output(), EmittedLog.DIR)).length;
    }

    @Test
    void withoutFailuresEveryRecordIsEmittedOnceAndTheOutputCheckIgnoresTheLog() throws Exception {
        runs.driver("--emitted-log").deploy().runToEnd(5);

        CountingOutput.Report report = runs.verify();
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
        assertThat(EmittedLog.total(runs.fs(), runs.output())).isEqualTo(report.found()).isEqualTo(PARALLELISM * COUNT);
        assertThat(emittedFiles()).as("one file per task instance, overwritten at each snapshot").isEqualTo(PARALLELISM);
    }

    @Test
    void aCrashCountsWhatTheInstanceEmittedUpToItsLastSnapshotAndTheRestoredInstanceEmitsAgain() throws Exception {
        JobDriver driver = runs.driver("--emitted-log").deploy();
        driver.steps(3).checkpoint();     // checkpoint 1 at record 21
        driver.steps(2).snapshot();       // snapshot at record 35, never completed
        driver.steps(1).crash();          // record 42 reached; not recorded (no snapshot, no close)
        driver.deploy().runToEnd(5);      // from checkpoint 1: records 21..199 again

        long perTask = 5 * PER_STEP + (COUNT - 3 * PER_STEP);
        CountingOutput.Report report = runs.verify();
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
        assertThat(EmittedLog.total(runs.fs(), runs.output())).isEqualTo(PARALLELISM * perTask);
        assertThat(EmittedLog.total(runs.fs(), runs.output()) - report.found()).as("records reprocessed")
                .isEqualTo(PARALLELISM * 2L * PER_STEP);
        assertThat(emittedFiles()).as("two instances per task").isEqualTo(2 * PARALLELISM);
    }

    @Test
    void aFailedInstanceRecordsWhatItEmittedWhenItIsClosed() throws Exception {
        JobDriver driver = runs.driver("--emitted-log").deploy();
        driver.steps(3).checkpoint();
        driver.steps(2).fail();           // closed at record 35: recorded although no snapshot followed
        driver.deploy().runToEnd(5);

        assertThat(EmittedLog.total(runs.fs(), runs.output())).isEqualTo(PARALLELISM * (5 * PER_STEP + (COUNT - 3 * PER_STEP)));
    }

    @Test
    void withoutTheOptionNothingIsRecorded() throws Exception {
        runs.driver().deploy().runToEnd(5);

        assertThat(runs.fs().exists(new Path(runs.output(), EmittedLog.DIR))).isFalse();
        assertThat(EmittedLog.total(runs.fs(), runs.output())).isZero();
    }

    @Test
    void aMalformedFileIsAnError() throws Exception {
        try (OutputStream out = runs.fs().create(new Path(new Path(runs.output(), EmittedLog.DIR), "task-00000-x-y"))) {
            out.write("12\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> EmittedLog.total(runs.fs(), runs.output())).isInstanceOf(IOException.class)
                .hasMessageContaining("'12'");
    }

    @Test
    void aRangeThatRunsBackwardsIsRefused() {
        EmittedLog log = EmittedLog.open(runs.fs(), runs.output(), 0, "deploy-1", 10);

        assertThat(log.file().getName()).startsWith("task-00000-deploy-1-");
        assertThatThrownBy(() -> log.record(9)).isInstanceOf(IllegalArgumentException.class);
    }
}
