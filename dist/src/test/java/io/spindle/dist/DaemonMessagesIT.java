package io.spindle.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the daemon scripts say about daemons already running, not running, and gone; and how hosts are reached. */
class DaemonMessagesIT {

    private static final String HOST = "test-host";

    @TempDir
    Path workDir;

    private DistributionUnderTest dist;

    @BeforeEach
    void setUp() throws Exception {
        dist = DistributionUnderTest.unpack(workDir);
        dist.env("SPINDLE_HOST_NAME", HOST);
        dist.writeConf("zoo.cfg", "dataDir=" + workDir.resolve("zk") + "\nclientPort=" + DistributionUnderTest.freePort()
                + "\nserver.1=localhost:" + DistributionUnderTest.freePort() + ":" + DistributionUnderTest.freePort() + "\n");
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    void saysWhenADaemonIsAlreadyRunningAndWhenThereIsNoneToStop() throws Exception {
        ScriptResult first = dist.run("zookeeper.sh", "start", "1");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.stdout()).isEqualTo("Starting zookeeper daemon on host " + HOST + ".\n");
        long pid = dist.pids("zookeeper").get(0);

        ScriptResult second = dist.run("zookeeper.sh", "start", "1");
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.stdout()).isEqualTo("[INFO] zookeeper daemon (pid " + pid + ") is running on host " + HOST
                + ".\n[INFO] Not starting another zookeeper daemon on host " + HOST + ": one per host.\n");
        assertThat(dist.pids("zookeeper")).containsExactly(pid);

        ScriptResult stop = dist.run("zookeeper.sh", "stop");
        assertThat(stop.stdout()).isEqualTo("Stopping zookeeper daemon (pid " + pid + ") on host " + HOST + ".\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> !DistributionUnderTest.isAlive(pid));

        ScriptResult again = dist.run("zookeeper.sh", "stop");
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout()).isEqualTo("No zookeeper daemon to stop on host " + HOST + ".\n");
        assertThat(dist.pidFile("zookeeper")).isEmpty();
    }

    @Test
    void dropsAStalePidAndSaysSo() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = dist.pidDir().resolve("spindle-someone-taskexecutor.pid");
        Files.writeString(pidFile, gone.pid() + "\n");
        dist.env("SPINDLE_IDENT_STRING", "someone");

        ScriptResult stop = dist.run("taskmanager.sh", "stop");

        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.stdout()).isEqualTo("[INFO] taskexecutor daemon (pid " + gone.pid()
                + ") is not running anymore on host " + HOST + "; removed from " + pidFile + ".\n"
                + "No taskexecutor daemon to stop on host " + HOST + ".\n");
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void doesNotStopAProcessThatIsNotTheDaemon() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dist.pidDir().resolve("spindle-me-zookeeper.pid"), other.pid() + "\n");
            dist.env("SPINDLE_IDENT_STRING", "me");

            ScriptResult stop = dist.run("zookeeper.sh", "stop");

            assertThat(stop.stdout()).endsWith("No zookeeper daemon to stop on host " + HOST + ".\n");
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void reportsADaemonThatExitsAtStart() throws Exception {
        dist.writeConf("zoo.cfg", "dataDir=" + workDir.resolve("zk") + "\nclientPort=2181\nserver.1=localhost:2888:3888\n");

        // The script watches a new daemon this long; the JVM exits well within it even on a busy machine.
        dist.env("SPINDLE_START_CHECK_SECONDS", "30");

        ScriptResult start = dist.run("zookeeper.sh", "start", "7");

        assertThat(start.exitCode()).as(start.describe()).isNotZero();
        assertThat(start.stdout()).isEqualTo("Starting zookeeper daemon on host " + HOST + ".\n");
        assertThat(start.stderr()).contains("zookeeper daemon (pid ").contains("exited at start")
                .contains("has no line server.7");
        assertThat(dist.pidFile("zookeeper")).isEmpty();
    }

    @Test
    void waitsForAJobManagerToBeReadyAndReportsOneThatDiesFirst() throws Exception {
        // Nothing listens on the quorum's port: the JobManager gives up after the connection timeout,
        // later than any fixed start check of a few seconds would look.
        dist.writeConf("config.yaml", "high-availability.type: zookeeper\n"
                + "high-availability.zookeeper.quorum: 127.0.0.1:" + DistributionUnderTest.freePort() + "\n"
                + "high-availability.storageDir: " + workDir.resolve("ha").toUri() + "\n"
                + "high-availability.zookeeper.client.connection-timeout: 5 s\n"
                + "jobmanager.rpc.address: 127.0.0.1\n");
        dist.writeClusterSecret();
        dist.env("SPINDLE_JM_JVM_OPTS", "-Xmx256m");

        ScriptResult start = dist.run("jobmanager.sh", "start", "127.0.0.1", Integer.toString(DistributionUnderTest.freePort()));

        assertThat(start.exitCode()).as(start.describe()).isNotZero();
        assertThat(start.stdout()).isEqualTo("Starting standalonesession daemon on host " + HOST + ".\n");
        assertThat(start.stderr()).as(start.describe()).contains("standalonesession daemon (pid ")
                .contains("exited at start with status 3").contains("Could not connect to ZooKeeper");
        assertThat(dist.pidFile("standalonesession")).isEmpty();
    }

    @Test
    void aJobManagerWhoseSecretFileIsMissingNamesItAndExits() throws Exception {
        Path missing = workDir.resolve("no-such-secret");
        dist.writeConf("config.yaml", "high-availability.type: zookeeper\n"
                + "high-availability.zookeeper.quorum: 127.0.0.1:" + DistributionUnderTest.freePort() + "\n"
                + "high-availability.storageDir: " + workDir.resolve("ha").toUri() + "\n"
                + "security.cluster.secret-file: " + missing + "\n");
        dist.env("SPINDLE_JM_JVM_OPTS", "-Xmx256m");

        ScriptResult start = dist.run("jobmanager.sh", "start", "127.0.0.1", Integer.toString(DistributionUnderTest.freePort()));

        assertThat(start.exitCode()).as(start.describe()).isNotZero();
        assertThat(start.stderr()).as(start.describe()).contains("exited at start with status 1")
                .contains("The cluster secret file " + missing + " ('security.cluster.secret-file') does not exist");
        assertThat(dist.pidFile("standalonesession")).isEmpty();
    }

    @Test
    void startsRemoteDaemonsOverSsh() throws Exception {
        Path sshLog = workDir.resolve("ssh.log");
        Path fakeSsh = Files.writeString(workDir.resolve("fake-ssh"),
                "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> '" + sshLog + "'\n");
        fakeSsh.toFile().setExecutable(true);
        dist.env("SPINDLE_SSH", fakeSsh.toString()).env("SPINDLE_SSH_OPTS", "-o BatchMode=yes");
        dist.writeConf("config.yaml", "high-availability.type: zookeeper\n"
                + "high-availability.zookeeper.quorum: zk-1.invalid:2181,zk-2.invalid:2181,zk-3.invalid:2181\n"
                + "high-availability.storageDir: file:///tmp/recovery\n");
        dist.writeConf("masters", "jm-1.invalid:8081\njm-2.invalid:8082\n");
        dist.writeConf("workers", "tm-1.invalid\n");

        ScriptResult start = dist.run("start-cluster.sh");

        assertThat(start.exitCode()).as(start.describe()).isZero();
        assertThat(start.stdout()).isEqualTo("Starting HA cluster with 2 masters and 3 peers in ZooKeeper quorum.\n");
        String bin = dist.home().resolve("bin").toRealPath().toString();
        List<String> calls = Files.readAllLines(sshLog);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0)).startsWith("-n -o BatchMode=yes jm-1.invalid -- ")
                .contains("SPINDLE_CONF_DIR=" + dist.confDir(), "SPINDLE_HOST_NAME=jm-1.invalid")
                .endsWith(bin + "/jobmanager.sh start jm-1.invalid 8081 ");
        assertThat(calls.get(1)).startsWith("-n -o BatchMode=yes jm-2.invalid -- ")
                .endsWith(bin + "/jobmanager.sh start jm-2.invalid 8082 ");
        assertThat(calls.get(2)).startsWith("-n -o BatchMode=yes tm-1.invalid -- ")
                .endsWith(bin + "/taskmanager.sh start ");
        assertThat(dist.pidDir()).isEmptyDirectory();
    }
}
