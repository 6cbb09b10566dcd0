package io.spindle.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos run of every build: {@code bin/spindle bench chaos --duration 2m --seed 17}
 * (4 faults: an AM kill, a TaskExecutor kill, a ZooKeeper leader restart and a DataNode restart,
 * in the seed's order) on a local cluster with a 3-node ZooKeeper ensemble, from the unpacked
 * tarball. Red when a fault loses or duplicates a record, fails a job, or the cluster does not
 * complete checkpoints again within 3 minutes of a fault.
 */
class ChaosRunIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(25);

    @TempDir
    Path workDir;

    private DistributionUnderTest dist;
    private Path clusterDir;

    @BeforeEach
    void startCluster() throws Exception {
        dist = DistributionUnderTest.unpack(workDir);
        clusterDir = workDir.resolve("cluster");
        ScriptResult start = dist.run(Duration.ofSeconds(180), "spindle", "local-cluster", "start", "--dir",
                clusterDir.toString(), "--zookeeper-ensemble", "3");
        assertThat(start.exitCode()).as(start.describe()).isZero();
        dist.env("HADOOP_CONF_DIR", clusterDir.resolve("hadoop-conf").toString())
                .env("SPINDLE_CONF_DIR", clusterDir.resolve("conf").toString());
    }

    @AfterEach
    void stopCluster() throws Exception {
        try {
            dist.run(Duration.ofSeconds(90), "spindle", "local-cluster", "stop", "--dir", clusterDir.toString());
        } finally {
            DistributionUnderTest.killLocalCluster(clusterDir);
            dist.close();
        }
    }

    @Test
    void aShortSeededChaosRunLosesAndDuplicatesNothing() throws Exception {
        ScriptResult run = dist.run(RUN_TIMEOUT, "spindle", "bench", "chaos", "--duration", "2m", "--seed", "17");

        assertThat(run.stdout()).as(run.describe())
                .contains("am-kill", "te-kill", "zk-leader-restart", "datanode-restart")
                .contains("records_lost 0", "records_duplicated 0", "jobs_failed 0", "faults_not_recovered 0")
                .doesNotContain("skipped", "injection failed");
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }
}
