package io.spindle.bench.command;

import io.spindle.bench.ha.Figure;
import io.spindle.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code spindle ha bench} on the command line: options reach the bench, bad values are usage errors. */
class HaBenchCommandTest {

    private static CommandLine bench() {
        return new CommandLine(new HaBenchCommand());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void tinyBenchPrintsHeaderAndEveryFigure() {
        CliRun run = CliRun.of(bench(), "--runs", "1", "--puts", "50", "--pointers", "20", "--counter-ops", "50",
                "--session-timeout", "2 s", "--preemption-interval", "50ms", "--writer-threads", "2", "--put-window", "4",
                "--no-file-sync", "-D", "zookeeper.sasl.disable=true");

        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        List<String> figures = run.outLines().stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith("# session timeout 2000 ms"));
        assertThat(run.outLines()).anySatisfy(l -> assertThat(l).contains("state files not fsynced"));
        assertThat(figures).allSatisfy(l -> assertThat(l).matches(Figure.LINE));
        assertThat(figures).extracting(l -> l.substring(0, l.indexOf(' '))).containsExactly(
                "takeover_kill9_standalone_ms", "takeover_kill9_preempt_ms", "handover_graceful_ms",
                "put_50_ops_per_s", "put_50_concurrent_ops_per_s", "put_50_async_ops_per_s",
                "recover_20_ms", "remove_20_ms", "counter_ops_per_s");
    }

    @Test
    void outOfRangeValuesAreUsageErrors() {
        CliRun zeroRuns = CliRun.of(bench(), "--runs", "0");
        assertThat(zeroRuns.exitCode()).isNotZero();
        assertThat(zeroRuns.err()).contains("runs must be at least 1");

        CliRun badDuration = CliRun.of(bench(), "--session-timeout", "soon");
        assertThat(badDuration.exitCode()).isNotZero();
        assertThat(badDuration.err()).contains("'soon' is not a duration");
    }
}
