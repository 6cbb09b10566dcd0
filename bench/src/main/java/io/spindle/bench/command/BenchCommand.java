package io.spindle.bench.command;

import picocli.CommandLine.Command;

/** {@code spindle bench}: benchmarks of the runtime ({@code spindle ha bench} measures the HA services). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the job runtime.",
        subcommands = {CheckpointBenchCommand.class, FailoverBenchCommand.class, SubmitBenchCommand.class,
                ChaosBenchCommand.class, SoakBenchCommand.class})
public final class BenchCommand {}
