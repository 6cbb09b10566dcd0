package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.examples.counting.CountingOutput;
import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.HadoopSiteFiles;
import io.spindle.minicluster.MiniYarn;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ClassJars;
import io.spindle.testing.ContainerLogs;
import io.spindle.testing.JavaContainerLaunch;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import io.spindle.yarn.common.security.KerberizedHdfs;
import io.spindle.yarn.common.security.KerberosLogin;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YARN session on a Kerberized Hadoop cluster (MiniKdc, HDFS and YARN requiring Kerberos): the
 * client logs in with the user's keytab and puts delegation tokens into the launch context, the
 * ApplicationMaster logs in itself with the shipped keytab and obtains fresh tokens, its
 * TaskExecutors work on delegation tokens alone; the counting job writes exactly once. (Every
 * service logs in as one principal: services in one JVM share Hadoop's login user.)
 */
class KerberizedYarnSessionTest {

    @TempDir
    static Path dir;

    private static KerberizedHdfs hadoop;
    private static MiniYarn yarn;
    private static EmbeddedZooKeeper zooKeeper;
    private static Path hadoopConfDir;
    private static final List<String> console = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        hadoop = KerberizedHdfs.start(dir.resolve("hdfs"), Duration.ofHours(1), Duration.ofHours(2));
        yarn = MiniYarn.start(hadoop.yarnConfiguration(), dir, "kerberized-yarn", 1);
        hadoopConfDir = HadoopSiteFiles.write(yarn.configuration(), Files.createDirectories(dir.resolve("hadoop-conf")),
                "kerberized-test");
        zooKeeper = EmbeddedZooKeeper.start(dir.resolve("zk"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            if (zooKeeper != null) {
                zooKeeper.close();
            }
            if (yarn != null) {
                yarn.close();
            }
        } finally {
            if (hadoop != null) {
                hadoop.close();
            }
        }
    }

    private static Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("high-availability.type", "zookeeper");
        values.put("high-availability.zookeeper.quorum", zooKeeper.connectString());
        values.put("high-availability.storageDir", hadoop.hdfsUri() + "/user/" + KerberizedHdfs.USER + "/spindle/ha");
        values.put("yarn.container.node-classpath", String.join(",",
                (hadoopConfDir + File.pathSeparator + JavaContainerLaunch.testClasspath()).split(File.pathSeparator)));
        values.put("jobmanager.memory.process.size", "512m");
        values.put("taskmanager.memory.process.size", "512m");
        values.put("taskmanager.numberOfTaskSlots", "2");
        values.put("security.kerberos.login.keytab", hadoop.userKeytab().toString());
        values.put("security.kerberos.login.principal", hadoop.userPrincipal());
        values.put("yarn.properties-file.location", dir.resolve("client").toString());
        return values;
    }

    private static String containerLogs(ClusterHandle session) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path file : ContainerLogs.files(yarn.cluster(), session.applicationId())) {
            all.append(ContainerLogs.tail(file, 1 << 20));
        }
        return all.toString();
    }

    @Test
    void aSessionRunsTheCountingJobExactlyOnceOnDelegationTokens() throws Exception {
        Configuration config = Configuration.fromMap(values());
        Path jar = ClassJars.jarContaining(CountingJob.class, dir);
        try (YarnClusterDeployer deployer = YarnClusterDeployer.builder(yarn.configuration())
                .containerJavaHome(System.getProperty("java.home"))
                .clientConfiguration(config)
                .readyTimeout(Duration.ofSeconds(120))
                .console(console::add)
                .build()) {
            ClusterHandle session = deployer.deploySession(config);
            try {
                RestClusterClient rest = new RestClusterClient(session.restUrl())
                        .withCredential(deployer.secretFile(session.applicationId()).read().orElseThrow());
                String output = hadoop.hdfsUri() + "/user/" + KerberizedHdfs.USER + "/out/kerberized";
                String jobId = rest.submit(jar, CountingJob.class.getName(), List.of("--output", output, "--count",
                        "300", "--step-delay-ms", "3"), 2, "kerberized");
                await("the job ends").atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() ->
                        rest.jobs().stream().anyMatch(job -> job.jobId().equals(jobId) && job.state().isTerminal()));
                assertThat(rest.job(jobId).status().state()).isEqualTo(JobState.FINISHED);

                UserGroupInformation alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(
                        hadoop.userPrincipal(), hadoop.userKeytab().toString());
                CountingOutput.Report report = KerberosLogin.doAs(alice, () -> {
                    try (FileSystem fs = FileSystem.newInstance(hadoop.clientConf())) {
                        return CountingOutput.verify(fs, new org.apache.hadoop.fs.Path(output), 2, 300);
                    }
                });
                assertThat(report.exactlyOnce()).as(report.describe()).isTrue();

                String logs = containerLogs(session);
                assertThat(logs).as("the ApplicationMaster logged in itself, with the shipped keytab")
                        .containsPattern("This process logged in to Kerberos as " + hadoop.userPrincipal()
                                + " with the keytab \\S+/keytab/krb5.keytab")
                        .contains("fresh delegation token(s) for this attempt");
                assertThat(console).anyMatch(line -> line.startsWith("Submitting " + session.applicationId()));
            } finally {
                deployer.stop(session.applicationId());
            }
        }
    }
}
