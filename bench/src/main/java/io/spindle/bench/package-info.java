/**
 * Benchmarks and scenarios, none of which a production cluster runs: the HA benchmarks
 * ({@code spindle ha bench}, {@link io.spindle.bench.ha}), the checkpoint benchmark
 * ({@link io.spindle.bench.checkpoint}), the YARN failover scenario ({@link io.spindle.bench.yarn})
 * and their commands, which join {@code bin/spindle} as {@link io.spindle.cli.CommandExtension}s
 * ({@link io.spindle.bench.command}).
 */
package io.spindle.bench;
