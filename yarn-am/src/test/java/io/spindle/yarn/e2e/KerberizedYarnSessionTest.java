package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.examples.counting.CountingOutput;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ClassJars;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import io.spindle.yarn.common.security.KerberizedHdfs;
import io.spindle.yarn.common.security.KerberosLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YARN session on a Kerberized Hadoop cluster ({@link KerberizedYarn}): the client logs in with
 * the user's keytab and puts delegation tokens into the launch context, the ApplicationMaster logs
 * in itself with the shipped keytab and obtains fresh tokens, its TaskExecutors work on delegation
 * tokens alone; the counting job writes exactly once. (Every service logs in as one principal:
 * services in one JVM share Hadoop's login user.)
 */
class KerberizedYarnSessionTest {

    @TempDir
    static Path dir;

    private static KerberizedYarn cluster;
    private static final List<String> console = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KerberizedYarn.start(dir, Duration.ofHours(1), Duration.ofHours(2));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSessionRunsTheCountingJobExactlyOnceOnDelegationTokens() throws Exception {
        Configuration config = Configuration.fromMap(cluster.values(dir.resolve("client")));
        KerberizedHdfs hadoop = cluster.hadoop;
        Path jar = ClassJars.jarContaining(CountingJob.class, dir);
        try (YarnClusterDeployer deployer = YarnClusterDeployer.builder(cluster.yarn.configuration())
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
                assertExactlyOnce(hadoop, output, 2, 300);

                String logs = cluster.containerLogs(session.applicationId());
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

    /** Checks the counting job's output as the user (the test JVM's own login user is a service). */
    static void assertExactlyOnce(KerberizedHdfs hadoop, String output, int parallelism, int count) throws Exception {
        UserGroupInformation alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(
                hadoop.userPrincipal(), hadoop.userKeytab().toString());
        CountingOutput.Report report = KerberosLogin.doAs(alice, () -> {
            try (FileSystem fs = FileSystem.newInstance(hadoop.clientConf())) {
                return CountingOutput.verify(fs, new org.apache.hadoop.fs.Path(output), parallelism, count);
            }
        });
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
    }
}
