package io.spindle.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line errors of the commands, without starting a cluster. */
class LocalClusterErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void statusAndStopSayThatNothingRuns() throws Exception {
        Path dir = tmp.resolve("none");

        CommandResult status = CommandResult.run("status", "--dir", dir.toString());
        assertThat(status.exitCode()).as(status.describe()).isEqualTo(1);
        assertThat(status.out()).isEqualTo("No local cluster is running in " + dir + ".\n");

        CommandResult stop = CommandResult.run("stop", "--dir", dir.toString());
        assertThat(stop.exitCode()).as(stop.describe()).isEqualTo(1);
        assertThat(stop.err()).isEqualTo("Error: no local cluster is running in " + dir + "\n");
        assertThat(dir).doesNotExist();
    }

    @Test
    void stopRemovesWhatADeadClusterLeftBehind() throws Exception {
        Path dir = tmp.resolve("stale");
        assertThat(CommandResult.run("prepare", "--dir", dir.toString()).exitCode()).isZero();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("local-cluster.pid"), gone.pid() + "\n");
        Files.writeString(dir.resolve("ready"), "old\n");

        CommandResult stop = CommandResult.run("stop", "--dir", dir.toString());

        assertThat(stop.exitCode()).as(stop.describe()).isEqualTo(1);
        assertThat(stop.err()).isEqualTo("Error: no local cluster is running in " + dir
                + " (removed what an earlier one left behind)\n");
        assertThat(dir).doesNotExist();
    }

    @Test
    void refusesAPortInUseBeforeCreatingAnything() throws Exception {
        Path dir = tmp.resolve("busy");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            int port = busy.getLocalPort();

            CommandResult prepare = CommandResult.run("prepare", "--dir", dir.toString(), "--zookeeper-port",
                    Integer.toString(port));
            CommandResult start = CommandResult.run("start", "--dir", dir.toString(), "--namenode-port=" + port);

            assertThat(prepare.exitCode()).as(prepare.describe()).isEqualTo(1);
            assertThat(prepare.err()).isEqualTo("Error: port " + port + " for ZooKeeper is in use\n");
            assertThat(start.exitCode()).as(start.describe()).isEqualTo(1);
            assertThat(start.err()).isEqualTo("Error: port " + port + " for the HDFS NameNode is in use\n");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void neverTouchesADirectoryThatIsNotALocalCluster() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("precious"));
        Path file = Files.writeString(dir.resolve("thesis.tex"), "do not delete");

        CommandResult prepare = CommandResult.run("prepare", "--dir", dir.toString());
        CommandResult stop = CommandResult.run("stop", "--dir", dir.toString());

        assertThat(prepare.exitCode()).as(prepare.describe()).isEqualTo(1);
        assertThat(prepare.err()).isEqualTo("Error: " + dir
                + " is not empty and not a local cluster's directory; choose another with --dir\n");
        assertThat(stop.exitCode()).as(stop.describe()).isEqualTo(1);
        assertThat(stop.err()).isEqualTo("Error: " + dir
                + " is not a local cluster's directory; nothing stopped or deleted\n");
        assertThat(file).hasContent("do not delete");
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        CommandResult unknown = CommandResult.run("start", "--nodes", "3");
        CommandResult noCommand = CommandResult.run();
        CommandResult badNumber = CommandResult.run("start", "--node-managers", "0");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("Error: unknown option --nodes\nUsage: spindle local-cluster start");
        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err()).startsWith("Error: --node-managers must be between 1 and 16: 0\n");
    }

    @Test
    void defaultDirectoryIsPerUserUnderTheTemporaryFolder() {
        LocalClusterArgs args = LocalClusterArgs.parse(new String[] {"status"});

        assertThat(args.dir().getFileName().toString()).startsWith("spindle-local-cluster-");
        assertThat(args.nodeManagers()).isEqualTo(2);
        assertThat(args.zooKeeperPort()).isZero();
    }
}
