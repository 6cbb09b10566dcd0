package io.spindle.bench.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.cli.CliRun;
import io.spindle.cli.SpindleCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench module's commands reach {@code spindle} through the CLI's ServiceLoader extension point. */
class CommandExtensionsTest {

    @Test
    void benchDemoAndHaBenchJoinTheRootCommand() {
        CommandLine root = SpindleCli.commandLine();

        assertThat(root.getSubcommands()).containsKeys("bench", "demo", "ha", "run", "local-cluster");
        assertThat(root.getSubcommands().get("bench").getSubcommands()).containsKeys("checkpoints", "yarn-failover");
        assertThat(root.getSubcommands().get("ha").getSubcommands()).containsKeys("inspect", "clean", "bench");
        assertThat((Object) root.getSubcommands().get("ha").getSubcommands().get("bench").getCommand())
                .isInstanceOf(HaBenchCommand.class);
    }

    @Test
    void extensionCommandsParseThroughTheRoot() {
        CliRun run = CliRun.spindle("ha", "bench", "--runs", "0");

        assertThat(run.exitCode()).as("picocli's usage error").isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("runs must be at least 1").contains("Usage: spindle ha bench");
    }
}
