package io.spindle.cli.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.cli.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code spindle local-cluster}'s subcommands as the command line sees them (what they do runs in
 * the distribution's tests, which start a cluster).
 */
class LocalClusterCommandTest {

    @Test
    void hasItsFourSubcommandsEachTakingDir() {
        CommandLine localCluster = new CommandLine(new LocalClusterCommand());

        assertThat(localCluster.getSubcommands()).containsOnlyKeys("start", "status", "stop", "restart-datanode");
        localCluster.getSubcommands().forEach((name, sub) ->
                assertThat(sub.getCommandSpec().findOption("--dir")).as(name).isNotNull());
        assertThat(localCluster.getSubcommands().get("stop").getCommandSpec().findOption("--timeout")).isNotNull();
    }

    @Test
    void aBadStopTimeoutIsAUsageErrorBeforeAnyJvmStarts() {
        CliRun run = CliRun.spindle("local-cluster", "stop", "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--timeout").contains("soon");
    }

    @Test
    void helpOfAControlSubcommandDescribesIt() {
        CliRun run = CliRun.spindle("local-cluster", "restart-datanode", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Restart the local cluster's HDFS DataNode").contains("--dir");
    }
}
